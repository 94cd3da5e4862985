// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {Test} from "forge-std/Test.sol";
import {MedChain} from "../../src/MedChain.sol";
import {IMedChainConsent} from "../../src/interfaces/IMedChainConsent.sol";
import {IMedChainIdentity} from "../../src/interfaces/IMedChainIdentity.sol";
import {MedChainSpec} from "./MedChainSpec.sol";

/**
 * @dev Shared setup: a deployed MedChain, named actors with private keys, and helpers that compute
 * CIDs, rolling heads and EIP-712 digests independently of the contract (from the documented
 * formulas), so tests check the contract against the specification rather than against itself.
 */
abstract contract MedChainTestBase is Test {
    MedChain internal medChain;

    uint8 internal constant PROFILE = 1;
    uint8 internal constant DIAGNOSES = 2;
    uint8 internal constant TREATMENTS = 3;
    uint8 internal constant PRESCRIPTIONS = 4;
    uint8 internal constant LABS = 5;
    uint8 internal constant IMAGING = 6;
    uint8 internal constant DOCUMENTS = 7;
    uint8 internal constant UNKNOWN_SCOPE = 200;

    address internal admin = makeAddr("admin");
    address internal patient;
    uint256 internal patientKey;
    address internal patient2;
    uint256 internal patient2Key;
    address internal provider;
    uint256 internal providerKey;
    address internal provider2;
    address internal delegate;
    uint256 internal delegateKey;
    address internal stranger;
    uint256 internal strangerKey;
    address internal relayer = makeAddr("relayer");
    /// @dev A verified provider (a break-glass key service) that holds patients' keys for emergencies.
    address internal custodian = makeAddr("custodian");

    bytes32 internal constant PATIENT_KEY_X25519 = keccak256("patient x25519 public key");
    bytes32 internal constant PROVIDER_KEY_X25519 = keccak256("provider x25519 public key");
    bytes32 internal constant CREDENTIAL = keccak256("licence document");

    function setUp() public virtual {
        (patient, patientKey) = makeAddrAndKey("patient");
        (patient2, patient2Key) = makeAddrAndKey("patient2");
        (provider, providerKey) = makeAddrAndKey("provider");
        provider2 = makeAddr("provider2");
        (delegate, delegateKey) = makeAddrAndKey("delegate");
        (stranger, strangerKey) = makeAddrAndKey("stranger");
        vm.warp(1_750_000_000);
        medChain = new MedChain(admin);
    }

    // ------------------------------------------------------------------ identity helpers

    /// @dev A realistic 36-byte binary CIDv1 (raw codec, sha2-256 multihash) derived from `seed`.
    function _cid(uint256 seed) internal pure returns (bytes memory) {
        return abi.encodePacked(hex"01551220", keccak256(abi.encode("ciphertext", seed)));
    }

    function _registerPatient(address account) internal {
        vm.prank(account);
        medChain.register(
            IMedChainIdentity.Role.Patient, PATIENT_KEY_X25519, _cid(uint160(account))
        );
    }

    function _registerProvider(address account, bool verify) internal {
        vm.prank(account);
        medChain.register(
            IMedChainIdentity.Role.Provider, PROVIDER_KEY_X25519, _cid(uint160(account))
        );
        if (verify) {
            vm.prank(admin);
            medChain.verifyProvider(account, CREDENTIAL);
        }
    }

    // ------------------------------------------------------------------ consent helpers

    function _scopes(uint8 a) internal pure returns (uint8[] memory s) {
        s = new uint8[](1);
        s[0] = a;
    }

    function _scopes(uint8 a, uint8 b) internal pure returns (uint8[] memory s) {
        s = new uint8[](2);
        s[0] = a;
        s[1] = b;
    }

    /// @dev As `p`, turns break-glass access on with `custodian` (registered and verified on first use).
    function _enableEmergencyAccess(address p) internal {
        if (!medChain.isActiveProvider(custodian)) _registerProvider(custodian, true);
        vm.prank(p);
        medChain.setEmergencyAccess(p, true, custodian, _cid(999));
    }

    function _grant(address p, address grantee, uint8 scope, bool write, uint64 expiry) internal {
        vm.prank(p);
        medChain.grantAccess(p, grantee, _scopes(scope), write, expiry, _cid(1000 + scope), 0);
    }

    // ------------------------------------------------------------------ records helpers

    /// @dev head_0 from the documented formula.
    function _genesis(address p) internal view returns (bytes32) {
        return MedChainSpec.genesis(block.chainid, address(medChain), p);
    }

    /// @dev head_n from the documented formula.
    function _nextHead(
        bytes32 head,
        uint64 seq,
        bytes memory cid,
        uint8 scope,
        uint32 epoch,
        address author,
        uint64 supersedes
    ) internal pure returns (bytes32) {
        return MedChainSpec.nextHead(head, seq, cid, scope, epoch, author, supersedes);
    }

    // ------------------------------------------------------------------ EIP-712 helpers

    function _domainSeparator() internal view returns (bytes32) {
        return MedChainSpec.domainSeparator(block.chainid, address(medChain));
    }

    function _digest(bytes32 structHash) internal view returns (bytes32) {
        return MedChainSpec.digest(block.chainid, address(medChain), structHash);
    }

    function _grantStructHash(IMedChainConsent.Grant memory g) internal pure returns (bytes32) {
        return MedChainSpec.grantHash(g);
    }

    function _revokeStructHash(IMedChainConsent.Revoke memory r) internal pure returns (bytes32) {
        return MedChainSpec.revokeHash(r);
    }

    function _denyStructHash(IMedChainConsent.Deny memory d) internal pure returns (bytes32) {
        return MedChainSpec.denyHash(d);
    }

    function _sign(uint256 key, bytes32 structHash) internal view returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, _digest(structHash));
        return abi.encodePacked(r, s, v);
    }

    function _grantMessage(address p, address grantee, uint8 scope)
        internal
        view
        returns (IMedChainConsent.Grant memory)
    {
        return IMedChainConsent.Grant({
            patient: p,
            grantee: grantee,
            scopes: _scopes(scope),
            write: false,
            expiry: uint64(block.timestamp + 30 days),
            envelopeCid: _cid(77),
            requestId: 0,
            nonce: medChain.nonces(p),
            deadline: block.timestamp + 1 hours
        });
    }
}
