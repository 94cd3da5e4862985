// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";
import {MedChain} from "../../src/MedChain.sol";
import {IMedChainConsent} from "../../src/interfaces/IMedChainConsent.sol";
import {IMedChainIdentity} from "../../src/interfaces/IMedChainIdentity.sol";
import {IMedChainRecords} from "../../src/interfaces/IMedChainRecords.sol";
import {ERC1271WalletMock} from "../mocks/ERC1271WalletMock.sol";
import {MedChainTestBase} from "../utils/MedChainTestBase.sol";

contract MedChainIdentityTest is MedChainTestBase {
    bytes32 internal constant REGISTER_TYPEHASH = keccak256(
        "Register(address account,uint8 role,bytes32 encryptionKey,bytes profileCid,uint256 nonce,uint256 deadline)"
    );

    // ------------------------------------------------------------------ constructor, ERC-165, EIP-712

    function test_constructor_grantsAdminRoles() public view {
        assertTrue(medChain.hasRole(medChain.DEFAULT_ADMIN_ROLE(), admin));
        assertTrue(medChain.hasRole(medChain.VERIFIER_ROLE(), admin));
        assertEq(medChain.VERIFIER_ROLE(), keccak256("VERIFIER_ROLE"));
    }

    function test_constructor_seedsStandardScopes() public {
        vm.expectEmit(true, true, true, true);
        emit IMedChainConsent.ScopeAdded(1, "profile");
        vm.expectEmit(true, true, true, true);
        emit IMedChainConsent.ScopeAdded(2, "diagnoses");
        vm.expectEmit(true, true, true, true);
        emit IMedChainConsent.ScopeAdded(3, "treatments");
        vm.expectEmit(true, true, true, true);
        emit IMedChainConsent.ScopeAdded(4, "prescriptions");
        vm.expectEmit(true, true, true, true);
        emit IMedChainConsent.ScopeAdded(5, "lab-results");
        vm.expectEmit(true, true, true, true);
        emit IMedChainConsent.ScopeAdded(6, "imaging");
        vm.expectEmit(true, true, true, true);
        emit IMedChainConsent.ScopeAdded(7, "documents");
        MedChain fresh = new MedChain(admin);
        assertEq(fresh.knownScopes(), 0xfe);
        for (uint256 s = 0; s < 256; ++s) {
            // forge-lint: disable-next-line(unsafe-typecast) -- s < 256
            assertEq(fresh.isKnownScope(uint8(s)), s >= 1 && s <= 7);
        }
    }

    function test_constructor_revertsOnZeroAdmin() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IMedChainIdentity.MedChainIdentityInvalidAdmin.selector, address(0)
            )
        );
        new MedChain(address(0));
    }

    function test_supportsInterface() public view {
        assertTrue(medChain.supportsInterface(type(IMedChainIdentity).interfaceId));
        assertTrue(medChain.supportsInterface(type(IMedChainConsent).interfaceId));
        assertTrue(medChain.supportsInterface(type(IMedChainRecords).interfaceId));
        assertTrue(medChain.supportsInterface(type(IAccessControl).interfaceId));
        assertTrue(medChain.supportsInterface(type(IERC165).interfaceId));
        assertFalse(medChain.supportsInterface(0xffffffff));
        assertFalse(medChain.supportsInterface(0x12345678));
    }

    function test_domainSeparator_matchesEip712Domain() public view {
        assertEq(medChain.DOMAIN_SEPARATOR(), _domainSeparator());
        (
            bytes1 fields,
            string memory name,
            string memory version,
            uint256 chainId,
            address verifyingContract,,
        ) = medChain.eip712Domain();
        assertEq(fields, hex"0f");
        assertEq(name, "MedChain");
        assertEq(version, "1");
        assertEq(chainId, block.chainid);
        assertEq(verifyingContract, address(medChain));
    }

    function test_domainSeparator_followsChainId() public {
        vm.chainId(4242);
        assertEq(medChain.DOMAIN_SEPARATOR(), _domainSeparator());
    }

    // ------------------------------------------------------------------ register

    function test_register_patient() public {
        bytes memory profile = _cid(1);
        vm.expectEmit(true, true, true, true, address(medChain));
        emit IMedChainIdentity.Registered(
            patient, IMedChainIdentity.Role.Patient, PATIENT_KEY_X25519, profile
        );
        vm.prank(patient);
        medChain.register(IMedChainIdentity.Role.Patient, PATIENT_KEY_X25519, profile);

        assertEq(uint8(medChain.roleOf(patient)), uint8(IMedChainIdentity.Role.Patient));
        assertEq(medChain.encryptionKeyOf(patient), PATIENT_KEY_X25519);
        assertEq(
            uint8(medChain.providerStatusOf(patient)),
            uint8(IMedChainIdentity.ProviderStatus.Unverified)
        );
        assertFalse(medChain.isActiveProvider(patient));
        assertEq(medChain.anchorHead(patient), _genesis(patient));
        assertEq(medChain.anchorCount(patient), 0);
        assertEq(medChain.nonces(patient), 0);
    }

    function test_register_provider() public {
        vm.expectEmit(true, true, true, true, address(medChain));
        emit IMedChainIdentity.Registered(
            provider, IMedChainIdentity.Role.Provider, PROVIDER_KEY_X25519, _cid(2)
        );
        vm.prank(provider);
        medChain.register(IMedChainIdentity.Role.Provider, PROVIDER_KEY_X25519, _cid(2));

        assertEq(uint8(medChain.roleOf(provider)), uint8(IMedChainIdentity.Role.Provider));
        assertEq(
            uint8(medChain.providerStatusOf(provider)),
            uint8(IMedChainIdentity.ProviderStatus.Unverified)
        );
        assertFalse(medChain.isActiveProvider(provider));
        assertEq(medChain.anchorHead(provider), bytes32(0));
    }

    function test_register_revertsOnRoleNone() public {
        vm.expectRevert(IMedChainIdentity.MedChainIdentityInvalidRole.selector);
        vm.prank(patient);
        medChain.register(IMedChainIdentity.Role.None, PATIENT_KEY_X25519, _cid(1));
    }

    function test_register_revertsOnOutOfRangeRole() public {
        // The ABI decoder rejects an enum value past the last member before any MedChain code runs.
        bytes memory data = abi.encodeWithSelector(
            IMedChainIdentity.register.selector, uint256(3), PATIENT_KEY_X25519, _cid(1)
        );
        vm.prank(patient);
        (bool ok, bytes memory ret) = address(medChain).call(data);
        assertFalse(ok);
        assertEq(ret.length, 0);
    }

    function test_register_revertsOnZeroEncryptionKey() public {
        vm.expectRevert(IMedChainIdentity.MedChainIdentityInvalidEncryptionKey.selector);
        vm.prank(patient);
        medChain.register(IMedChainIdentity.Role.Patient, bytes32(0), _cid(1));
    }

    function test_register_revertsOnEmptyCid() public {
        vm.expectRevert(IMedChainIdentity.MedChainIdentityEmptyCid.selector);
        vm.prank(patient);
        medChain.register(IMedChainIdentity.Role.Patient, PATIENT_KEY_X25519, "");
    }

    function test_register_revertsWhenAlreadyRegistered() public {
        _registerPatient(patient);
        vm.expectRevert(
            abi.encodeWithSelector(
                IMedChainIdentity.MedChainIdentityAlreadyRegistered.selector, patient
            )
        );
        vm.prank(patient);
        medChain.register(IMedChainIdentity.Role.Patient, PATIENT_KEY_X25519, _cid(1));

        // Nor can one switch role.
        vm.expectRevert(
            abi.encodeWithSelector(
                IMedChainIdentity.MedChainIdentityAlreadyRegistered.selector, patient
            )
        );
        vm.prank(patient);
        medChain.register(IMedChainIdentity.Role.Provider, PATIENT_KEY_X25519, _cid(1));
    }

    function testFuzz_register(
        address account,
        bool asProvider,
        bytes32 key,
        bytes calldata profileCid
    ) public {
        vm.assume(account != address(0) && key != 0 && profileCid.length != 0);
        IMedChainIdentity.Role role =
            asProvider ? IMedChainIdentity.Role.Provider : IMedChainIdentity.Role.Patient;
        vm.prank(account);
        medChain.register(role, key, profileCid);
        assertEq(uint8(medChain.roleOf(account)), uint8(role));
        assertEq(medChain.encryptionKeyOf(account), key);
        assertEq(medChain.anchorHead(account), asProvider ? bytes32(0) : _genesis(account));
        assertFalse(medChain.isActiveProvider(account));
    }

    // ------------------------------------------------------------------ registerBySig

    function _registration(address account, uint256 nonce, uint256 deadline)
        internal
        pure
        returns (IMedChainIdentity.Register memory)
    {
        return IMedChainIdentity.Register({
            account: account,
            role: IMedChainIdentity.Role.Patient,
            encryptionKey: PATIENT_KEY_X25519,
            profileCid: _cid(uint160(account)),
            nonce: nonce,
            deadline: deadline
        });
    }

    function _registerHash(IMedChainIdentity.Register memory r) internal pure returns (bytes32) {
        return keccak256(
            abi.encode(
                REGISTER_TYPEHASH,
                r.account,
                r.role,
                r.encryptionKey,
                keccak256(r.profileCid),
                r.nonce,
                r.deadline
            )
        );
    }

    function test_registerBySig() public {
        IMedChainIdentity.Register memory r = _registration(patient, 0, block.timestamp + 1 hours);
        bytes memory sig = _sign(patientKey, _registerHash(r));
        vm.expectEmit(true, true, true, true, address(medChain));
        emit IMedChainIdentity.Registered(
            patient, IMedChainIdentity.Role.Patient, PATIENT_KEY_X25519, r.profileCid
        );
        vm.prank(relayer);
        medChain.registerBySig(r, sig);
        assertEq(uint8(medChain.roleOf(patient)), uint8(IMedChainIdentity.Role.Patient));
        assertEq(medChain.nonces(patient), 1);
        assertEq(medChain.anchorHead(patient), _genesis(patient));
        assertEq(uint8(medChain.roleOf(relayer)), 0);
    }

    function test_registerBySig_atDeadline() public {
        IMedChainIdentity.Register memory r = _registration(patient, 0, block.timestamp);
        medChain.registerBySig(r, _sign(patientKey, _registerHash(r)));
        assertEq(uint8(medChain.roleOf(patient)), uint8(IMedChainIdentity.Role.Patient));
    }

    function test_registerBySig_erc1271Wallet() public {
        ERC1271WalletMock wallet = new ERC1271WalletMock(patient);
        IMedChainIdentity.Register memory r =
            _registration(address(wallet), 0, block.timestamp + 1 hours);
        vm.prank(relayer);
        medChain.registerBySig(r, _sign(patientKey, _registerHash(r)));
        assertEq(uint8(medChain.roleOf(address(wallet))), uint8(IMedChainIdentity.Role.Patient));
    }

    function test_registerBySig_revertsOnZeroAccount() public {
        IMedChainIdentity.Register memory r =
            _registration(address(0), 0, block.timestamp + 1 hours);
        bytes memory sig = _sign(patientKey, _registerHash(r));
        vm.expectRevert(
            abi.encodeWithSelector(
                IMedChainIdentity.MedChainIdentityInvalidSigner.selector, address(0)
            )
        );
        medChain.registerBySig(r, sig);
    }

    function test_registerBySig_revertsOnExpiredSignature() public {
        IMedChainIdentity.Register memory r = _registration(patient, 0, block.timestamp - 1);
        bytes memory sig = _sign(patientKey, _registerHash(r));
        vm.expectRevert(
            abi.encodeWithSelector(
                IMedChainIdentity.MedChainIdentityExpiredSignature.selector, block.timestamp - 1
            )
        );
        medChain.registerBySig(r, sig);
    }

    function test_registerBySig_revertsOnReplay() public {
        IMedChainIdentity.Register memory r = _registration(patient, 0, block.timestamp + 1 hours);
        bytes memory sig = _sign(patientKey, _registerHash(r));
        medChain.registerBySig(r, sig);
        vm.expectRevert(
            abi.encodeWithSelector(
                IMedChainIdentity.MedChainIdentityInvalidNonce.selector, patient, uint256(1)
            )
        );
        medChain.registerBySig(r, sig);
    }

    function test_registerBySig_revertsOnWrongChain() public {
        IMedChainIdentity.Register memory r = _registration(patient, 0, block.timestamp + 1 hours);
        bytes memory sig = _sign(patientKey, _registerHash(r)); // signed for the current chain id
        vm.chainId(block.chainid + 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IMedChainIdentity.MedChainIdentityInvalidSignature.selector, patient
            )
        );
        medChain.registerBySig(r, sig);
    }

    function test_registerBySig_revertsOnWrongSigner() public {
        IMedChainIdentity.Register memory r = _registration(patient, 0, block.timestamp + 1 hours);
        bytes memory sig = _sign(strangerKey, _registerHash(r));
        vm.expectRevert(
            abi.encodeWithSelector(
                IMedChainIdentity.MedChainIdentityInvalidSignature.selector, patient
            )
        );
        medChain.registerBySig(r, sig);
    }

    function test_registerBySig_revertsOnTamperedMessage() public {
        IMedChainIdentity.Register memory r = _registration(patient, 0, block.timestamp + 1 hours);
        bytes memory sig = _sign(patientKey, _registerHash(r));
        r.encryptionKey = keccak256("attacker key");
        vm.expectRevert(
            abi.encodeWithSelector(
                IMedChainIdentity.MedChainIdentityInvalidSignature.selector, patient
            )
        );
        medChain.registerBySig(r, sig);
    }

    function test_registerBySig_revertsOnMalformedSignature() public {
        IMedChainIdentity.Register memory r = _registration(patient, 0, block.timestamp + 1 hours);
        vm.expectRevert(
            abi.encodeWithSelector(
                IMedChainIdentity.MedChainIdentityInvalidSignature.selector, patient
            )
        );
        medChain.registerBySig(r, hex"1234");
    }

    function test_registerBySig_revertsOnErc1271Rejection() public {
        ERC1271WalletMock wallet = new ERC1271WalletMock(patient);
        IMedChainIdentity.Register memory r =
            _registration(address(wallet), 0, block.timestamp + 1 hours);
        bytes memory sig = _sign(strangerKey, _registerHash(r));
        vm.expectRevert(
            abi.encodeWithSelector(
                IMedChainIdentity.MedChainIdentityInvalidSignature.selector, address(wallet)
            )
        );
        medChain.registerBySig(r, sig);
    }

    function test_registerBySig_revertsOnInvalidRegistration() public {
        IMedChainIdentity.Register memory r = _registration(patient, 0, block.timestamp + 1 hours);
        r.profileCid = "";
        bytes memory sig = _sign(patientKey, _registerHash(r));
        vm.expectRevert(IMedChainIdentity.MedChainIdentityEmptyCid.selector);
        medChain.registerBySig(r, sig);
    }

    function testFuzz_registerBySig_rejectsOtherKeys(uint256 key) public {
        key = bound(key, 1, SECP256K1_ORDER - 1);
        vm.assume(key != patientKey);
        IMedChainIdentity.Register memory r = _registration(patient, 0, block.timestamp + 1 hours);
        bytes memory sig = _sign(key, _registerHash(r));
        vm.expectRevert(
            abi.encodeWithSelector(
                IMedChainIdentity.MedChainIdentityInvalidSignature.selector, patient
            )
        );
        medChain.registerBySig(r, sig);
    }

    function testFuzz_registerBySig_rejectsOtherChains(uint64 chainId) public {
        vm.assume(chainId != block.chainid && chainId != 0);
        IMedChainIdentity.Register memory r = _registration(patient, 0, block.timestamp + 1 hours);
        bytes memory sig = _sign(patientKey, _registerHash(r));
        vm.chainId(chainId);
        vm.expectRevert(
            abi.encodeWithSelector(
                IMedChainIdentity.MedChainIdentityInvalidSignature.selector, patient
            )
        );
        medChain.registerBySig(r, sig);
    }

    // ------------------------------------------------------------------ updateProfile / rotateEncryptionKey

    function test_updateProfile() public {
        _registerPatient(patient);
        vm.expectEmit(true, true, true, true, address(medChain));
        emit IMedChainIdentity.ProfileUpdated(patient, _cid(99));
        vm.prank(patient);
        medChain.updateProfile(_cid(99));
    }

    function test_updateProfile_revertsOnEmptyCid() public {
        _registerPatient(patient);
        vm.expectRevert(IMedChainIdentity.MedChainIdentityEmptyCid.selector);
        vm.prank(patient);
        medChain.updateProfile("");
    }

    function test_updateProfile_revertsWhenNotRegistered() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IMedChainIdentity.MedChainIdentityNotRegistered.selector, stranger
            )
        );
        vm.prank(stranger);
        medChain.updateProfile(_cid(1));
    }

    function test_rotateEncryptionKey() public {
        _registerProvider(provider, false);
        bytes32 newKey = keccak256("new key");
        vm.expectEmit(true, true, true, true, address(medChain));
        emit IMedChainIdentity.EncryptionKeyRotated(provider, newKey);
        vm.prank(provider);
        medChain.rotateEncryptionKey(newKey);
        assertEq(medChain.encryptionKeyOf(provider), newKey);
    }

    function test_rotateEncryptionKey_revertsOnZeroKey() public {
        _registerPatient(patient);
        vm.expectRevert(IMedChainIdentity.MedChainIdentityInvalidEncryptionKey.selector);
        vm.prank(patient);
        medChain.rotateEncryptionKey(bytes32(0));
    }

    function test_rotateEncryptionKey_revertsWhenNotRegistered() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IMedChainIdentity.MedChainIdentityNotRegistered.selector, stranger
            )
        );
        vm.prank(stranger);
        medChain.rotateEncryptionKey(keccak256("k"));
    }

    // ------------------------------------------------------------------ verifyProvider

    function test_verifyProvider() public {
        _registerProvider(provider, false);
        vm.expectEmit(true, true, true, true, address(medChain));
        emit IMedChainIdentity.ProviderVerified(provider, CREDENTIAL, admin);
        vm.prank(admin);
        medChain.verifyProvider(provider, CREDENTIAL);
        assertEq(
            uint8(medChain.providerStatusOf(provider)),
            uint8(IMedChainIdentity.ProviderStatus.Verified)
        );
        assertTrue(medChain.isActiveProvider(provider));
    }

    function test_verifyProvider_reverifiesWithNewCredential() public {
        _registerProvider(provider, true);
        bytes32 renewed = keccak256("renewed licence");
        vm.expectEmit(true, true, true, true, address(medChain));
        emit IMedChainIdentity.ProviderVerified(provider, renewed, admin);
        vm.prank(admin);
        medChain.verifyProvider(provider, renewed);
        assertTrue(medChain.isActiveProvider(provider));
    }

    function test_verifyProvider_reinstatesSuspended() public {
        _registerProvider(provider, true);
        vm.prank(admin);
        medChain.suspendProvider(provider, 3);
        assertFalse(medChain.isActiveProvider(provider));
        vm.prank(admin);
        medChain.verifyProvider(provider, CREDENTIAL);
        assertTrue(medChain.isActiveProvider(provider));
    }

    function test_verifyProvider_byDelegatedVerifier() public {
        address verifier = makeAddr("verifier");
        bytes32 role = medChain.VERIFIER_ROLE();
        vm.prank(admin);
        medChain.grantRole(role, verifier);
        _registerProvider(provider, false);
        vm.prank(verifier);
        medChain.verifyProvider(provider, CREDENTIAL);
        assertTrue(medChain.isActiveProvider(provider));
    }

    function test_verifyProvider_revertsWithoutRole() public {
        _registerProvider(provider, false);
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector,
                stranger,
                medChain.VERIFIER_ROLE()
            )
        );
        vm.prank(stranger);
        medChain.verifyProvider(provider, CREDENTIAL);
    }

    function test_verifyProvider_revertsOnZeroAddress() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IMedChainIdentity.MedChainIdentityInvalidProvider.selector, address(0)
            )
        );
        vm.prank(admin);
        medChain.verifyProvider(address(0), CREDENTIAL);
    }

    function test_verifyProvider_revertsOnZeroCredential() public {
        _registerProvider(provider, false);
        vm.expectRevert(IMedChainIdentity.MedChainIdentityInvalidCredential.selector);
        vm.prank(admin);
        medChain.verifyProvider(provider, bytes32(0));
    }

    function test_verifyProvider_revertsOnNonProvider() public {
        _registerPatient(patient);
        vm.expectRevert(
            abi.encodeWithSelector(IMedChainIdentity.MedChainIdentityNotProvider.selector, patient)
        );
        vm.prank(admin);
        medChain.verifyProvider(patient, CREDENTIAL);

        vm.expectRevert(
            abi.encodeWithSelector(IMedChainIdentity.MedChainIdentityNotProvider.selector, stranger)
        );
        vm.prank(admin);
        medChain.verifyProvider(stranger, CREDENTIAL);
    }

    // ------------------------------------------------------------------ suspendProvider

    function test_suspendProvider() public {
        _registerProvider(provider, true);
        vm.expectEmit(true, true, true, true, address(medChain));
        emit IMedChainIdentity.ProviderSuspended(provider, 42, admin);
        vm.prank(admin);
        medChain.suspendProvider(provider, 42);
        assertEq(
            uint8(medChain.providerStatusOf(provider)),
            uint8(IMedChainIdentity.ProviderStatus.Suspended)
        );
        assertFalse(medChain.isActiveProvider(provider));
    }

    function test_suspendProvider_revertsWithoutRole() public {
        _registerProvider(provider, true);
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector,
                provider,
                medChain.VERIFIER_ROLE()
            )
        );
        vm.prank(provider);
        medChain.suspendProvider(provider, 1);
    }

    function test_suspendProvider_revertsOnZeroAddress() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IMedChainIdentity.MedChainIdentityInvalidProvider.selector, address(0)
            )
        );
        vm.prank(admin);
        medChain.suspendProvider(address(0), 1);
    }

    function test_suspendProvider_revertsOnNonProvider() public {
        _registerPatient(patient);
        vm.expectRevert(
            abi.encodeWithSelector(IMedChainIdentity.MedChainIdentityNotProvider.selector, patient)
        );
        vm.prank(admin);
        medChain.suspendProvider(patient, 1);
    }

    function test_suspendProvider_revertsWhenUnverified() public {
        _registerProvider(provider, false);
        vm.expectRevert(
            abi.encodeWithSelector(
                IMedChainIdentity.MedChainIdentityUnverifiedProvider.selector, provider
            )
        );
        vm.prank(admin);
        medChain.suspendProvider(provider, 1);
    }

    function test_suspendProvider_revertsWhenAlreadySuspended() public {
        _registerProvider(provider, true);
        vm.prank(admin);
        medChain.suspendProvider(provider, 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IMedChainIdentity.MedChainIdentityUnverifiedProvider.selector, provider
            )
        );
        vm.prank(admin);
        medChain.suspendProvider(provider, 1);
    }

    // ------------------------------------------------------------------ views

    function test_views_unregisteredAccount() public view {
        assertEq(uint8(medChain.roleOf(stranger)), 0);
        assertEq(uint8(medChain.providerStatusOf(stranger)), 0);
        assertFalse(medChain.isActiveProvider(stranger));
        assertEq(medChain.encryptionKeyOf(stranger), bytes32(0));
        assertEq(medChain.nonces(stranger), 0);
    }
}
