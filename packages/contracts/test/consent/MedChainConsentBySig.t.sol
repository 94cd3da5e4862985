// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {MedChain} from "../../src/MedChain.sol";
import {IMedChainConsent} from "../../src/interfaces/IMedChainConsent.sol";
import {IMedChainIdentity} from "../../src/interfaces/IMedChainIdentity.sol";
import {ERC1271WalletMock} from "../mocks/ERC1271WalletMock.sol";
import {MedChainTestBase} from "../utils/MedChainTestBase.sol";

/// @dev EIP-712 signed consent actions (Grant, Revoke, Deny), relayed by a third party.
contract MedChainConsentBySigTest is MedChainTestBase {
    ERC1271WalletMock internal wallet; // a smart-contract-wallet patient owned by patient2's key

    function setUp() public override {
        super.setUp();
        _registerPatient(patient);
        _registerProvider(provider, true);
        _registerProvider(provider2, false);
        vm.prank(patient);
        medChain.setDelegate(delegate, IMedChainConsent.DelegateKind.Caregiver, "");

        wallet = new ERC1271WalletMock(patient2);
        vm.prank(patient2);
        wallet.execute(
            address(medChain),
            abi.encodeCall(
                IMedChainIdentity.register,
                (IMedChainIdentity.Role.Patient, PATIENT_KEY_X25519, _cid(3))
            )
        );
    }

    function _invalidSignature(address signer) internal pure returns (bytes memory) {
        return
            abi.encodeWithSelector(
                IMedChainIdentity.MedChainIdentityInvalidSignature.selector, signer
            );
    }

    function _invalidNonce(address account, uint256 current) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(
            IMedChainIdentity.MedChainIdentityInvalidNonce.selector, account, current
        );
    }

    // ------------------------------------------------------------------ grantAccessBySig

    function test_grantAccessBySig_byPatient() public {
        IMedChainConsent.Grant memory g = _grantMessage(patient, provider, LABS);
        bytes memory sig = _sign(patientKey, _grantStructHash(g));
        vm.expectEmit(true, true, true, true, address(medChain));
        emit IMedChainConsent.AccessGranted(
            patient, provider, LABS, false, g.expiry, 0, patient, g.envelopeCid
        );
        vm.prank(relayer);
        medChain.grantAccessBySig(g, patient, sig);
        assertTrue(medChain.hasAccess(patient, provider, LABS));
        assertEq(medChain.nonces(patient), 1);
    }

    function test_grantAccessBySig_byDelegate() public {
        IMedChainConsent.Grant memory g = _grantMessage(patient, provider, LABS);
        g.write = true;
        g.scopes = _scopes(LABS, IMAGING);
        bytes memory sig = _sign(delegateKey, _grantStructHash(g));
        vm.expectEmit(true, true, true, true, address(medChain));
        emit IMedChainConsent.AccessGranted(
            patient, provider, LABS, true, g.expiry, 0, delegate, g.envelopeCid
        );
        vm.expectEmit(true, true, true, true, address(medChain));
        emit IMedChainConsent.AccessGranted(
            patient, provider, IMAGING, true, g.expiry, 0, delegate, g.envelopeCid
        );
        vm.prank(relayer);
        medChain.grantAccessBySig(g, delegate, sig);
        assertTrue(medChain.hasWriteAccess(patient, provider, IMAGING));
        assertEq(medChain.nonces(patient), 1);
        assertEq(medChain.nonces(delegate), 0);
    }

    function test_grantAccessBySig_answersRequest() public {
        vm.prank(provider);
        uint256 id = medChain.requestAccess(patient, _scopes(LABS), 1, 1 days);
        IMedChainConsent.Grant memory g = _grantMessage(patient, provider, LABS);
        g.requestId = id;
        medChain.grantAccessBySig(g, patient, _sign(patientKey, _grantStructHash(g)));
        assertEq(medChain.pendingRequest(patient, id), address(0));
    }

    function test_grantAccessBySig_erc1271Patient() public {
        IMedChainConsent.Grant memory g = _grantMessage(address(wallet), provider, LABS);
        bytes memory sig = _sign(patient2Key, _grantStructHash(g)); // the wallet's owner signs
        vm.prank(relayer);
        medChain.grantAccessBySig(g, address(wallet), sig);
        assertTrue(medChain.hasAccess(address(wallet), provider, LABS));
        assertEq(medChain.nonces(address(wallet)), 1);
    }

    function test_grantAccessBySig_erc1271Delegate() public {
        ERC1271WalletMock guardianWallet = new ERC1271WalletMock(delegate);
        vm.prank(patient);
        medChain.setDelegate(address(guardianWallet), IMedChainConsent.DelegateKind.Guardian, "");
        IMedChainConsent.Grant memory g = _grantMessage(patient, provider, LABS);
        medChain.grantAccessBySig(
            g, address(guardianWallet), _sign(delegateKey, _grantStructHash(g))
        );
        assertTrue(medChain.hasAccess(patient, provider, LABS));
    }

    function test_grantAccessBySig_revertsOnErc1271Rejection() public {
        IMedChainConsent.Grant memory g = _grantMessage(address(wallet), provider, LABS);
        bytes memory sig = _sign(strangerKey, _grantStructHash(g));
        vm.expectRevert(_invalidSignature(address(wallet)));
        medChain.grantAccessBySig(g, address(wallet), sig);
    }

    function test_grantAccessBySig_atDeadline() public {
        IMedChainConsent.Grant memory g = _grantMessage(patient, provider, LABS);
        g.deadline = block.timestamp;
        medChain.grantAccessBySig(g, patient, _sign(patientKey, _grantStructHash(g)));
        assertTrue(medChain.hasAccess(patient, provider, LABS));
    }

    function test_grantAccessBySig_revertsOnExpiredSignature() public {
        IMedChainConsent.Grant memory g = _grantMessage(patient, provider, LABS);
        bytes memory sig = _sign(patientKey, _grantStructHash(g));
        vm.warp(g.deadline + 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IMedChainIdentity.MedChainIdentityExpiredSignature.selector, g.deadline
            )
        );
        medChain.grantAccessBySig(g, patient, sig);
    }

    function test_grantAccessBySig_revertsOnReplay() public {
        IMedChainConsent.Grant memory g = _grantMessage(patient, provider, LABS);
        bytes memory sig = _sign(patientKey, _grantStructHash(g));
        medChain.grantAccessBySig(g, patient, sig);
        // Even after the grant was revoked, the same signature cannot restore it.
        vm.prank(patient);
        medChain.revokeAccess(patient, provider, _scopes(LABS));
        vm.expectRevert(_invalidNonce(patient, 1));
        medChain.grantAccessBySig(g, patient, sig);
        assertFalse(medChain.hasAccess(patient, provider, LABS));
    }

    function test_grantAccessBySig_revertsOnFutureNonce() public {
        IMedChainConsent.Grant memory g = _grantMessage(patient, provider, LABS);
        g.nonce = 5;
        bytes memory sig = _sign(patientKey, _grantStructHash(g));
        vm.expectRevert(_invalidNonce(patient, 0));
        medChain.grantAccessBySig(g, patient, sig);
    }

    function test_grantAccessBySig_revertsAfterIncrementNonce() public {
        IMedChainConsent.Grant memory g = _grantMessage(patient, provider, LABS);
        bytes memory sig = _sign(patientKey, _grantStructHash(g));
        vm.prank(patient);
        medChain.incrementNonce(patient); // the patient changed their mind before it was relayed
        vm.expectRevert(_invalidNonce(patient, 1));
        medChain.grantAccessBySig(g, patient, sig);
    }

    function test_grantAccessBySig_revertsOnWrongChain() public {
        IMedChainConsent.Grant memory g = _grantMessage(patient, provider, LABS);
        bytes memory sig = _sign(patientKey, _grantStructHash(g));
        vm.chainId(10);
        vm.expectRevert(_invalidSignature(patient));
        medChain.grantAccessBySig(g, patient, sig);
    }

    function test_grantAccessBySig_revertsOnOtherDeployment() public {
        IMedChainConsent.Grant memory g = _grantMessage(patient, provider, LABS);
        bytes memory sig = _sign(patientKey, _grantStructHash(g));
        // Same chain, same state, another MedChain deployment: the EIP-712 domain differs.
        MedChain other = new MedChain(admin);
        vm.prank(patient);
        other.register(IMedChainIdentity.Role.Patient, PATIENT_KEY_X25519, _cid(1));
        vm.prank(provider);
        other.register(IMedChainIdentity.Role.Provider, PROVIDER_KEY_X25519, _cid(2));
        vm.prank(admin);
        other.verifyProvider(provider, CREDENTIAL);
        vm.expectRevert(_invalidSignature(patient));
        other.grantAccessBySig(g, patient, sig);
    }

    function test_grantAccessBySig_revertsOnWrongKey() public {
        IMedChainConsent.Grant memory g = _grantMessage(patient, provider, LABS);
        bytes memory sig = _sign(strangerKey, _grantStructHash(g));
        vm.expectRevert(_invalidSignature(patient));
        medChain.grantAccessBySig(g, patient, sig);
    }

    function test_grantAccessBySig_revertsOnTamperedMessage() public {
        IMedChainConsent.Grant memory g = _grantMessage(patient, provider, LABS);
        bytes memory sig = _sign(patientKey, _grantStructHash(g));
        g.write = true; // a relayer tries to upgrade read to write
        vm.expectRevert(_invalidSignature(patient));
        medChain.grantAccessBySig(g, patient, sig);
        g.write = false;
        g.scopes = _scopes(LABS, DIAGNOSES); // or to widen the scopes
        vm.expectRevert(_invalidSignature(patient));
        medChain.grantAccessBySig(g, patient, sig);
    }

    function test_grantAccessBySig_revertsOnMalformedSignature() public {
        IMedChainConsent.Grant memory g = _grantMessage(patient, provider, LABS);
        bytes memory sig = _sign(patientKey, _grantStructHash(g));
        bytes memory truncated = new bytes(64);
        for (uint256 i = 0; i < 64; ++i) {
            truncated[i] = sig[i];
        }
        vm.expectRevert(_invalidSignature(patient));
        medChain.grantAccessBySig(g, patient, truncated);
        vm.expectRevert(_invalidSignature(patient));
        medChain.grantAccessBySig(g, patient, "");
    }

    function test_grantAccessBySig_revertsOnHighS() public {
        IMedChainConsent.Grant memory g = _grantMessage(patient, provider, LABS);
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(patientKey, _digest(_grantStructHash(g)));
        // The malleable twin (n - s, flipped v) of a valid signature is rejected.
        bytes32 highS = bytes32(SECP256K1_ORDER - uint256(s));
        bytes memory twin = abi.encodePacked(r, highS, v == 27 ? uint8(28) : uint8(27));
        vm.expectRevert(_invalidSignature(patient));
        medChain.grantAccessBySig(g, patient, twin);
    }

    function test_grantAccessBySig_revertsOnZeroSigner() public {
        IMedChainConsent.Grant memory g = _grantMessage(patient, provider, LABS);
        vm.expectRevert(
            abi.encodeWithSelector(
                IMedChainIdentity.MedChainIdentityInvalidSigner.selector, address(0)
            )
        );
        medChain.grantAccessBySig(g, address(0), _sign(patientKey, _grantStructHash(g)));
    }

    function test_grantAccessBySig_revertsOnZeroPatient() public {
        IMedChainConsent.Grant memory g = _grantMessage(address(0), provider, LABS);
        vm.expectRevert(
            abi.encodeWithSelector(
                IMedChainConsent.MedChainConsentInvalidPatient.selector, address(0)
            )
        );
        medChain.grantAccessBySig(g, patient, _sign(patientKey, _grantStructHash(g)));
    }

    function test_grantAccessBySig_revertsOnNonPatient() public {
        IMedChainConsent.Grant memory g = _grantMessage(stranger, provider, LABS);
        vm.expectRevert(
            abi.encodeWithSelector(IMedChainIdentity.MedChainIdentityNotPatient.selector, stranger)
        );
        medChain.grantAccessBySig(g, stranger, _sign(strangerKey, _grantStructHash(g)));
    }

    function test_grantAccessBySig_revertsForUnauthorizedSigner() public {
        // A valid signature, but by someone who is neither the patient nor a delegate.
        IMedChainConsent.Grant memory g = _grantMessage(patient, provider, LABS);
        bytes memory sig = _sign(strangerKey, _grantStructHash(g));
        vm.expectRevert(
            abi.encodeWithSelector(
                IMedChainConsent.MedChainConsentUnauthorizedAccount.selector, stranger, patient
            )
        );
        medChain.grantAccessBySig(g, stranger, sig);
    }

    function test_grantAccessBySig_revertsForRemovedDelegate() public {
        IMedChainConsent.Grant memory g = _grantMessage(patient, provider, LABS);
        bytes memory sig = _sign(delegateKey, _grantStructHash(g));
        vm.prank(patient);
        medChain.setDelegate(delegate, IMedChainConsent.DelegateKind.None, "");
        vm.expectRevert(
            abi.encodeWithSelector(
                IMedChainConsent.MedChainConsentUnauthorizedAccount.selector, delegate, patient
            )
        );
        medChain.grantAccessBySig(g, delegate, sig);
    }

    function test_grantAccessBySig_revertsOnInvalidGrant() public {
        IMedChainConsent.Grant memory g = _grantMessage(patient, provider2, LABS); // unverified grantee
        bytes memory sig = _sign(patientKey, _grantStructHash(g));
        vm.expectRevert(
            abi.encodeWithSelector(
                IMedChainIdentity.MedChainIdentityUnverifiedProvider.selector, provider2
            )
        );
        medChain.grantAccessBySig(g, patient, sig);
        assertEq(medChain.nonces(patient), 0); // the revert undid the nonce use
    }

    function testFuzz_grantAccessBySig_rejectsOtherKeys(uint256 key) public {
        key = bound(key, 1, SECP256K1_ORDER - 1);
        vm.assume(key != patientKey);
        IMedChainConsent.Grant memory g = _grantMessage(patient, provider, LABS);
        bytes memory sig = _sign(key, _grantStructHash(g));
        vm.expectRevert(_invalidSignature(patient));
        medChain.grantAccessBySig(g, patient, sig);
    }

    function testFuzz_grantAccessBySig_rejectsOtherChains(uint64 chainId) public {
        vm.assume(chainId != block.chainid && chainId != 0);
        IMedChainConsent.Grant memory g = _grantMessage(patient, provider, LABS);
        bytes memory sig = _sign(patientKey, _grantStructHash(g));
        vm.chainId(chainId);
        vm.expectRevert(_invalidSignature(patient));
        medChain.grantAccessBySig(g, patient, sig);
    }

    function testFuzz_grantAccessBySig_roundTrip(
        bool write,
        uint64 duration,
        uint8 scopeSeed,
        bytes calldata envelope
    ) public {
        vm.assume(envelope.length != 0);
        IMedChainConsent.Grant memory g =
            _grantMessage(patient, provider, uint8(bound(scopeSeed, 1, 7)));
        g.write = write;
        g.expiry = uint64(block.timestamp) + uint64(bound(duration, 1, 50 * 365 days));
        g.envelopeCid = envelope;
        medChain.grantAccessBySig(g, patient, _sign(patientKey, _grantStructHash(g)));
        assertTrue(medChain.hasAccess(patient, provider, g.scopes[0]));
        assertEq(medChain.hasWriteAccess(patient, provider, g.scopes[0]), write);
    }

    // ------------------------------------------------------------------ revokeAccessBySig

    function _revokeMessage(address p) internal view returns (IMedChainConsent.Revoke memory) {
        return IMedChainConsent.Revoke({
            patient: p,
            grantee: provider,
            scopes: _scopes(LABS),
            nonce: medChain.nonces(p),
            deadline: block.timestamp + 1 hours
        });
    }

    function test_revokeAccessBySig() public {
        _grant(patient, provider, LABS, true, uint64(block.timestamp + 1 days));
        IMedChainConsent.Revoke memory r = _revokeMessage(patient);
        vm.expectEmit(true, true, true, true, address(medChain));
        emit IMedChainConsent.AccessRevoked(patient, provider, LABS, delegate);
        vm.prank(relayer);
        medChain.revokeAccessBySig(r, delegate, _sign(delegateKey, _revokeStructHash(r)));
        assertFalse(medChain.hasAccess(patient, provider, LABS));
        assertEq(medChain.nonces(patient), 1);
    }

    function test_revokeAccessBySig_erc1271Patient() public {
        vm.prank(patient2);
        wallet.execute(
            address(medChain),
            abi.encodeCall(
                IMedChainConsent.grantAccess,
                (
                    address(wallet),
                    provider,
                    _scopes(LABS),
                    false,
                    uint64(block.timestamp + 1 days),
                    _cid(1),
                    0
                )
            )
        );
        IMedChainConsent.Revoke memory r = _revokeMessage(address(wallet));
        medChain.revokeAccessBySig(r, address(wallet), _sign(patient2Key, _revokeStructHash(r)));
        assertFalse(medChain.hasAccess(address(wallet), provider, LABS));
    }

    function test_revokeAccessBySig_revertsOnExpiredSignature() public {
        _grant(patient, provider, LABS, false, uint64(block.timestamp + 1 days));
        IMedChainConsent.Revoke memory r = _revokeMessage(patient);
        r.deadline = block.timestamp - 1;
        bytes memory sig = _sign(patientKey, _revokeStructHash(r));
        vm.expectRevert(
            abi.encodeWithSelector(
                IMedChainIdentity.MedChainIdentityExpiredSignature.selector, r.deadline
            )
        );
        medChain.revokeAccessBySig(r, patient, sig);
    }

    function test_revokeAccessBySig_revertsOnReplay() public {
        _grant(patient, provider, LABS, false, uint64(block.timestamp + 1 days));
        IMedChainConsent.Revoke memory r = _revokeMessage(patient);
        bytes memory sig = _sign(patientKey, _revokeStructHash(r));
        medChain.revokeAccessBySig(r, patient, sig);
        _grant(patient, provider, LABS, false, uint64(block.timestamp + 1 days));
        vm.expectRevert(_invalidNonce(patient, 1));
        medChain.revokeAccessBySig(r, patient, sig);
    }

    function test_revokeAccessBySig_revertsOnWrongChain() public {
        _grant(patient, provider, LABS, false, uint64(block.timestamp + 1 days));
        IMedChainConsent.Revoke memory r = _revokeMessage(patient);
        bytes memory sig = _sign(patientKey, _revokeStructHash(r));
        vm.chainId(137);
        vm.expectRevert(_invalidSignature(patient));
        medChain.revokeAccessBySig(r, patient, sig);
    }

    function test_revokeAccessBySig_revertsOnBadSignature() public {
        IMedChainConsent.Revoke memory r = _revokeMessage(patient);
        vm.expectRevert(_invalidSignature(patient));
        medChain.revokeAccessBySig(r, patient, _sign(strangerKey, _revokeStructHash(r)));
    }

    function test_revokeAccessBySig_revertsForUnauthorizedSigner() public {
        IMedChainConsent.Revoke memory r = _revokeMessage(patient);
        vm.expectRevert(
            abi.encodeWithSelector(
                IMedChainConsent.MedChainConsentUnauthorizedAccount.selector, provider, patient
            )
        );
        medChain.revokeAccessBySig(r, provider, _sign(providerKey, _revokeStructHash(r)));
    }

    function test_revokeAccessBySig_revertsOnZeroPatient() public {
        IMedChainConsent.Revoke memory r = _revokeMessage(address(0));
        vm.expectRevert(
            abi.encodeWithSelector(
                IMedChainConsent.MedChainConsentInvalidPatient.selector, address(0)
            )
        );
        medChain.revokeAccessBySig(r, patient, _sign(patientKey, _revokeStructHash(r)));
    }

    function test_revokeAccessBySig_revertsWithoutPermission() public {
        IMedChainConsent.Revoke memory r = _revokeMessage(patient);
        vm.expectRevert(
            abi.encodeWithSelector(
                IMedChainConsent.MedChainConsentNoPermission.selector, patient, provider, LABS
            )
        );
        medChain.revokeAccessBySig(r, patient, _sign(patientKey, _revokeStructHash(r)));
    }

    // ------------------------------------------------------------------ denyRequestBySig

    function _denyMessage(uint256 id) internal view returns (IMedChainConsent.Deny memory) {
        return IMedChainConsent.Deny({
            patient: patient,
            requestId: id,
            nonce: medChain.nonces(patient),
            deadline: block.timestamp + 1 hours
        });
    }

    function _request() internal returns (uint256 id) {
        vm.prank(provider);
        id = medChain.requestAccess(patient, _scopes(LABS), 1, 1 days);
    }

    function test_denyRequestBySig() public {
        uint256 id = _request();
        IMedChainConsent.Deny memory d = _denyMessage(id);
        vm.expectEmit(true, true, true, true, address(medChain));
        emit IMedChainConsent.AccessDenied(id, patient, provider, patient);
        vm.prank(relayer);
        medChain.denyRequestBySig(d, patient, _sign(patientKey, _denyStructHash(d)));
        assertEq(medChain.pendingRequest(patient, id), address(0));
        assertEq(medChain.nonces(patient), 1);
    }

    function test_denyRequestBySig_byDelegate() public {
        uint256 id = _request();
        IMedChainConsent.Deny memory d = _denyMessage(id);
        medChain.denyRequestBySig(d, delegate, _sign(delegateKey, _denyStructHash(d)));
        assertEq(medChain.pendingRequest(patient, id), address(0));
    }

    function test_denyRequestBySig_revertsOnExpiredSignature() public {
        IMedChainConsent.Deny memory d = _denyMessage(_request());
        bytes memory sig = _sign(patientKey, _denyStructHash(d));
        vm.warp(d.deadline + 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IMedChainIdentity.MedChainIdentityExpiredSignature.selector, d.deadline
            )
        );
        medChain.denyRequestBySig(d, patient, sig);
    }

    function test_denyRequestBySig_revertsOnReplay() public {
        IMedChainConsent.Deny memory d = _denyMessage(_request());
        bytes memory sig = _sign(patientKey, _denyStructHash(d));
        medChain.denyRequestBySig(d, patient, sig);
        vm.expectRevert(_invalidNonce(patient, 1));
        medChain.denyRequestBySig(d, patient, sig);
    }

    function test_denyRequestBySig_revertsOnWrongChain() public {
        IMedChainConsent.Deny memory d = _denyMessage(_request());
        bytes memory sig = _sign(patientKey, _denyStructHash(d));
        vm.chainId(8453);
        vm.expectRevert(_invalidSignature(patient));
        medChain.denyRequestBySig(d, patient, sig);
    }

    function test_denyRequestBySig_revertsForUnauthorizedSigner() public {
        IMedChainConsent.Deny memory d = _denyMessage(_request());
        vm.expectRevert(
            abi.encodeWithSelector(
                IMedChainConsent.MedChainConsentUnauthorizedAccount.selector, stranger, patient
            )
        );
        medChain.denyRequestBySig(d, stranger, _sign(strangerKey, _denyStructHash(d)));
    }

    function test_denyRequestBySig_revertsOnUnknownRequest() public {
        IMedChainConsent.Deny memory d = _denyMessage(77);
        vm.expectRevert(
            abi.encodeWithSelector(
                IMedChainConsent.MedChainConsentUnknownRequest.selector, patient, uint256(77)
            )
        );
        medChain.denyRequestBySig(d, patient, _sign(patientKey, _denyStructHash(d)));
    }

    // ------------------------------------------------------------------ nonce sharing

    function test_nonce_sharedByPatientAndDelegates() public {
        IMedChainConsent.Grant memory g = _grantMessage(patient, provider, LABS);
        bytes memory byDelegate = _sign(delegateKey, _grantStructHash(g));
        bytes memory byPatient = _sign(patientKey, _grantStructHash(g));
        medChain.grantAccessBySig(g, patient, byPatient);
        // The delegate's signature over the same nonce is now stale.
        vm.expectRevert(_invalidNonce(patient, 1));
        medChain.grantAccessBySig(g, delegate, byDelegate);
    }
}
