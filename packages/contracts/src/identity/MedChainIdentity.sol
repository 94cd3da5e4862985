// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";
import {IMedChainIdentity} from "../interfaces/IMedChainIdentity.sol";

/**
 * @title MedChainIdentity
 * @notice Registration of patients and providers, provider verification by `VERIFIER_ROLE`,
 * encryption-key rotation, and the EIP-712 signature machinery (domain "MedChain" / "1", per-account
 * nonces) that every `*BySig` function uses. See {IMedChainIdentity}.
 *
 * Storage: one packed {Account} slot per account that the other concerns share, so the registration
 * check, the EIP-712 nonce bump and the anchor-count update of a transaction touch one warm slot; the
 * X25519 key in its own slot. Profile CIDs and credential references live in events only.
 */
abstract contract MedChainIdentity is AccessControl, EIP712, IMedChainIdentity {
    /// @inheritdoc IMedChainIdentity
    bytes32 public constant VERIFIER_ROLE = keccak256("VERIFIER_ROLE");

    bytes32 private constant REGISTER_TYPEHASH = keccak256(
        "Register(address account,uint8 role,bytes32 encryptionKey,bytes profileCid,uint256 nonce,uint256 deadline)"
    );

    /**
     * @dev One storage slot per account (19 of 32 bytes used).
     * @param role Patient or Provider, for life.
     * @param status Verification status (providers only).
     * @param emergencyAccess Whether the patient enabled break-glass access.
     * @param nonce The account's next EIP-712 nonce (for a patient, shared with its delegates).
     * @param anchorCount The number of anchors of the patient.
     */
    struct Account {
        Role role;
        ProviderStatus status;
        bool emergencyAccess;
        uint64 nonce;
        uint64 anchorCount;
    }

    mapping(address account => Account) private _accounts;
    mapping(address account => bytes32) private _encryptionKeys;

    /// @param admin Receives `DEFAULT_ADMIN_ROLE` and `VERIFIER_ROLE`.
    constructor(address admin) EIP712("MedChain", "1") {
        if (admin == address(0)) revert MedChainIdentityInvalidAdmin(address(0));
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(VERIFIER_ROLE, admin);
    }

    /// @inheritdoc IMedChainIdentity
    function register(Role role, bytes32 encryptionKey, bytes calldata profileCid) external {
        _register(_msgSender(), role, encryptionKey, profileCid);
    }

    /// @inheritdoc IMedChainIdentity
    function registerBySig(Register calldata registration, bytes calldata signature) external {
        address account = registration.account;
        bytes32 structHash = keccak256(
            abi.encode(
                REGISTER_TYPEHASH,
                account,
                registration.role,
                registration.encryptionKey,
                keccak256(registration.profileCid),
                registration.nonce,
                registration.deadline
            )
        );
        _useSignature(
            account, account, registration.nonce, registration.deadline, structHash, signature
        );
        _register(account, registration.role, registration.encryptionKey, registration.profileCid);
    }

    /// @inheritdoc IMedChainIdentity
    function updateProfile(bytes calldata profileCid) external {
        if (profileCid.length == 0) revert MedChainIdentityEmptyCid();
        address account = _msgSender();
        if (_accounts[account].role == Role.None) revert MedChainIdentityNotRegistered(account);
        emit ProfileUpdated(account, profileCid);
    }

    /// @inheritdoc IMedChainIdentity
    function rotateEncryptionKey(bytes32 encryptionKey) external {
        if (encryptionKey == 0) revert MedChainIdentityInvalidEncryptionKey();
        address account = _msgSender();
        if (_accounts[account].role == Role.None) revert MedChainIdentityNotRegistered(account);
        _encryptionKeys[account] = encryptionKey;
        emit EncryptionKeyRotated(account, encryptionKey);
    }

    /// @inheritdoc IMedChainIdentity
    function verifyProvider(address provider, bytes32 credentialRef)
        external
        onlyRole(VERIFIER_ROLE)
    {
        if (provider == address(0)) revert MedChainIdentityInvalidProvider(address(0));
        if (credentialRef == 0) revert MedChainIdentityInvalidCredential();
        Account storage acc = _accounts[provider];
        if (acc.role != Role.Provider) revert MedChainIdentityNotProvider(provider);
        acc.status = ProviderStatus.Verified;
        emit ProviderVerified(provider, credentialRef, _msgSender());
    }

    /// @inheritdoc IMedChainIdentity
    function suspendProvider(address provider, uint16 reasonCode) external onlyRole(VERIFIER_ROLE) {
        if (provider == address(0)) revert MedChainIdentityInvalidProvider(address(0));
        Account storage acc = _accounts[provider];
        if (acc.role != Role.Provider) revert MedChainIdentityNotProvider(provider);
        if (acc.status != ProviderStatus.Verified) {
            revert MedChainIdentityUnverifiedProvider(provider);
        }
        acc.status = ProviderStatus.Suspended;
        emit ProviderSuspended(provider, reasonCode, _msgSender());
    }

    /// @inheritdoc IMedChainIdentity
    function roleOf(address account) external view returns (Role) {
        return _accounts[account].role;
    }

    /// @inheritdoc IMedChainIdentity
    function providerStatusOf(address account) external view returns (ProviderStatus) {
        return _accounts[account].status;
    }

    /// @inheritdoc IMedChainIdentity
    function isActiveProvider(address account) public view returns (bool) {
        return _accounts[account].status == ProviderStatus.Verified;
    }

    /// @inheritdoc IMedChainIdentity
    function encryptionKeyOf(address account) external view returns (bytes32) {
        return _encryptionKeys[account];
    }

    /// @inheritdoc IMedChainIdentity
    function nonces(address account) external view returns (uint256) {
        return _accounts[account].nonce;
    }

    /// @inheritdoc IMedChainIdentity
    // solhint-disable-next-line func-name-mixedcase
    function DOMAIN_SEPARATOR() external view returns (bytes32) {
        return _domainSeparatorV4();
    }

    /// @dev The packed account slot of `account`, for the other concerns.
    function _account(address account) internal view returns (Account storage) {
        return _accounts[account];
    }

    /// @dev The packed slot of `patient`; reverts with {MedChainIdentityNotPatient} if not a patient.
    function _patientAccount(address patient) internal view returns (Account storage acc) {
        acc = _accounts[patient];
        if (acc.role != Role.Patient) revert MedChainIdentityNotPatient(patient);
    }

    /// @dev Reverts with {MedChainIdentityUnverifiedProvider} unless `provider` is currently verified.
    function _requireActiveProvider(address provider) internal view {
        if (!isActiveProvider(provider)) revert MedChainIdentityUnverifiedProvider(provider);
    }

    /**
     * @dev Checks that `signature` is `signer`'s EIP-712 signature of `structHash`, made before
     * `deadline` with `nonceOwner`'s current nonce `nonce`, and uses the nonce. Returns the nonce
     * owner's account slot. Who may sign for whom is the caller's business.
     */
    function _useSignature(
        address nonceOwner,
        address signer,
        uint256 nonce,
        uint256 deadline,
        bytes32 structHash,
        bytes calldata signature
    ) internal returns (Account storage acc) {
        if (signer == address(0)) {
            revert MedChainIdentityInvalidSigner(address(0));
        }
        if (block.timestamp > deadline) revert MedChainIdentityExpiredSignature(deadline);
        acc = _accounts[nonceOwner];
        uint64 current = acc.nonce;
        if (nonce != current) revert MedChainIdentityInvalidNonce(nonceOwner, current);
        if (!_isValidSignature(signer, _hashTypedDataV4(structHash), signature)) {
            revert MedChainIdentityInvalidSignature(signer);
        }
        acc.nonce = current + 1;
    }

    /// @dev Hook run by {register} after the account is stored and before the event.
    function _afterRegister(address account, Role role) internal virtual;

    function _register(address account, Role role, bytes32 encryptionKey, bytes calldata profileCid)
        private
    {
        if (role == Role.None) revert MedChainIdentityInvalidRole();
        if (encryptionKey == 0) revert MedChainIdentityInvalidEncryptionKey();
        if (profileCid.length == 0) revert MedChainIdentityEmptyCid();
        Account storage acc = _accounts[account];
        if (acc.role != Role.None) revert MedChainIdentityAlreadyRegistered(account);
        acc.role = role;
        _encryptionKeys[account] = encryptionKey;
        _afterRegister(account, role);
        emit Registered(account, role, encryptionKey, profileCid);
    }

    /**
     * @dev OpenZeppelin {SignatureChecker} semantics, ECDSA first: a signature that recovers to
     * `signer` is valid (EOAs, including EIP-7702 accounts, whose key controls them); otherwise
     * `signer` is asked through ERC-1271. Trying ECDSA first spares EOAs the cold EXTCODESIZE (2,600
     * gas) that {SignatureChecker-isValidSignatureNow} spends on every signer; no key can produce an
     * ECDSA signature for a contract's address.
     */
    function _isValidSignature(address signer, bytes32 digest, bytes calldata signature)
        private
        view
        returns (bool)
    {
        // The third value (the error's argument) only details a failure, which is the `false` path.
        // slither-disable-next-line unused-return
        (address recovered, ECDSA.RecoverError err,) = ECDSA.tryRecoverCalldata(digest, signature);
        if (err == ECDSA.RecoverError.NoError && recovered == signer) return true;
        return SignatureChecker.isValidERC1271SignatureNowCalldata(signer, digest, signature);
    }
}
