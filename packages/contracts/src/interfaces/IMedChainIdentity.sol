// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

/**
 * @title IMedChainIdentity
 * @notice Identity and roles of MedChain: self-registration of patients and healthcare providers with
 * an X25519 encryption public key and the CID of an encrypted profile document, verification and
 * suspension of providers by administrators, and key rotation.
 *
 * Nothing that identifies a person (name, age) is ever stored or logged: the profile is an encrypted
 * document on IPFS and only its content identifier (CID) appears in events.
 *
 * Signed actions: every `*BySig` function of MedChain checks an EIP-712 signature (domain name
 * "MedChain", version "1", chain id, this contract) with a `deadline` and the acting account's nonce
 * ({nonces}, used in order, one per signature). Signatures of EOAs are ECDSA; contract accounts sign
 * through ERC-1271. Identity's own typed struct:
 *
 *   Register(address account,uint8 role,bytes32 encryptionKey,bytes profileCid,uint256 nonce,uint256 deadline)
 */
interface IMedChainIdentity {
    /// @notice The role an account registered with. An account holds exactly one role, for life.
    enum Role {
        None,
        Patient,
        Provider
    }

    /// @notice Verification status of a provider. Only `Verified` providers may request or hold access.
    enum ProviderStatus {
        Unverified,
        Verified,
        Suspended
    }

    /// @notice EIP-712 `Register`: the arguments of {register}, the account, its nonce and a deadline.
    struct Register {
        address account;
        Role role;
        bytes32 encryptionKey;
        bytes profileCid;
        uint256 nonce;
        uint256 deadline;
    }

    /**
     * @dev Emitted when `account` registered as `role` with X25519 public key `encryptionKey` and the
     * CID of its encrypted profile document `profileCid`.
     */
    event Registered(
        address indexed account, Role indexed role, bytes32 encryptionKey, bytes profileCid
    );

    /// @dev Emitted when `account` pointed its encrypted profile document to `profileCid`.
    event ProfileUpdated(address indexed account, bytes profileCid);

    /// @dev Emitted when `account` replaced its X25519 encryption public key by `encryptionKey`.
    event EncryptionKeyRotated(address indexed account, bytes32 encryptionKey);

    /**
     * @dev Emitted when `verifier` verified (or re-verified, or reinstated) `provider` against the
     * credential reference `credentialRef` (for example the hash of a licence document).
     */
    event ProviderVerified(
        address indexed provider, bytes32 indexed credentialRef, address indexed verifier
    );

    /// @dev Emitted when `verifier` suspended `provider` for `reasonCode`.
    event ProviderSuspended(
        address indexed provider, uint16 indexed reasonCode, address indexed verifier
    );

    /// @dev The administrator given to the constructor is the zero address.
    error MedChainIdentityInvalidAdmin(address admin);

    /// @dev `Role.None` is not a role one can register with.
    error MedChainIdentityInvalidRole();

    /// @dev The X25519 public key is zero.
    error MedChainIdentityInvalidEncryptionKey();

    /// @dev A CID argument is empty.
    error MedChainIdentityEmptyCid();

    /// @dev The credential reference is zero.
    error MedChainIdentityInvalidCredential();

    /// @dev The provider address is the zero address.
    error MedChainIdentityInvalidProvider(address provider);

    /// @dev `account` is already registered.
    error MedChainIdentityAlreadyRegistered(address account);

    /// @dev `account` is not registered.
    error MedChainIdentityNotRegistered(address account);

    /// @dev `account` is not registered as a patient.
    error MedChainIdentityNotPatient(address account);

    /// @dev `account` is not registered as a provider.
    error MedChainIdentityNotProvider(address account);

    /// @dev `provider` is not a currently verified provider (unregistered, unverified or suspended).
    error MedChainIdentityUnverifiedProvider(address provider);

    /// @dev The signer address is the zero address.
    error MedChainIdentityInvalidSigner(address signer);

    /// @dev The signature's `deadline` has passed.
    error MedChainIdentityExpiredSignature(uint256 deadline);

    /// @dev The signed nonce is not `account`'s current nonce `currentNonce` (e.g. a replayed signature).
    error MedChainIdentityInvalidNonce(address account, uint256 currentNonce);

    /// @dev The signature is not `signer`'s EIP-712 signature of the message for this chain and contract.
    error MedChainIdentityInvalidSignature(address signer);

    /**
     * @notice Registers the caller as `role` (patient or provider).
     * @dev A patient's anchor head is initialised here (see {IMedChainRecords-anchorHead}). A provider
     * starts `Unverified` and cannot request or receive access until a verifier verifies it.
     * Reverts with {MedChainIdentityInvalidRole} for `Role.None`, {MedChainIdentityInvalidEncryptionKey}
     * for a zero key, {MedChainIdentityEmptyCid} for an empty CID and
     * {MedChainIdentityAlreadyRegistered} if the caller is registered. Emits {Registered}.
     * @param role `Role.Patient` or `Role.Provider`.
     * @param encryptionKey The caller's 32-byte X25519 public key that key envelopes are wrapped to.
     * @param profileCid The CID (binary form) of the caller's encrypted profile document.
     */
    function register(Role role, bytes32 encryptionKey, bytes calldata profileCid) external;

    /**
     * @notice {register} for `registration.account`, authorised by its EIP-712 `Register` signature and
     * submitted by anyone (a relayer pays the gas).
     * @dev Uses the account's nonce (0 before registration). Reverts with
     * {MedChainIdentityExpiredSignature}, {MedChainIdentityInvalidNonce} or
     * {MedChainIdentityInvalidSignature}, then as {register}.
     * @param registration The signed message.
     * @param signature The account's signature (65-byte ECDSA, or what its ERC-1271 contract accepts).
     */
    function registerBySig(Register calldata registration, bytes calldata signature) external;

    /**
     * @notice Points the caller's encrypted profile document to `profileCid`.
     * @dev Reverts with {MedChainIdentityEmptyCid} or {MedChainIdentityNotRegistered}. Emits {ProfileUpdated}.
     * @param profileCid The CID of the new encrypted profile document.
     */
    function updateProfile(bytes calldata profileCid) external;

    /**
     * @notice Replaces the caller's X25519 encryption public key.
     * @dev Envelopes wrapped to the previous key stay readable by its holder; the SDK re-wraps what
     * must move to the new key. Reverts with {MedChainIdentityInvalidEncryptionKey} or
     * {MedChainIdentityNotRegistered}. Emits {EncryptionKeyRotated}.
     * @param encryptionKey The new 32-byte X25519 public key.
     */
    function rotateEncryptionKey(bytes32 encryptionKey) external;

    /**
     * @notice Verifies `provider` against `credentialRef`. Also re-verifies a verified provider (new
     * credential) and reinstates a suspended one.
     * @dev Only `VERIFIER_ROLE` (reverts with `AccessControlUnauthorizedAccount`). Reverts with
     * {MedChainIdentityInvalidProvider} for the zero address, {MedChainIdentityInvalidCredential} for a
     * zero reference and {MedChainIdentityNotProvider} if `provider` did not register as a provider.
     * Emits {ProviderVerified}.
     * @param provider The provider account.
     * @param credentialRef A reference to the checked credential, e.g. the hash of a licence document.
     */
    function verifyProvider(address provider, bytes32 credentialRef) external;

    /**
     * @notice Suspends a verified provider. Its access stops at once, without touching its grants: they
     * count again if it is re-verified before they expire.
     * @dev Only `VERIFIER_ROLE`. Reverts with {MedChainIdentityInvalidProvider},
     * {MedChainIdentityNotProvider} or, if it is not currently verified,
     * {MedChainIdentityUnverifiedProvider}. Emits {ProviderSuspended}.
     * @param provider The provider account.
     * @param reasonCode An application-defined reason code for the audit trail.
     */
    function suspendProvider(address provider, uint16 reasonCode) external;

    /// @notice The role that administers provider verification.
    function VERIFIER_ROLE() external view returns (bytes32);

    /// @notice The role `account` registered with (`Role.None` if unregistered).
    function roleOf(address account) external view returns (Role);

    /// @notice The verification status of `account` (`Unverified` for non-providers).
    function providerStatusOf(address account) external view returns (ProviderStatus);

    /// @notice Whether `account` is a provider that is currently verified (not suspended).
    function isActiveProvider(address account) external view returns (bool);

    /// @notice The current X25519 encryption public key of `account` (zero if unregistered).
    function encryptionKeyOf(address account) external view returns (bytes32);

    /// @notice The nonce the next signature of (or, for a patient, on behalf of) `account` must use.
    function nonces(address account) external view returns (uint256);

    /// @notice The EIP-712 domain separator of this chain and contract.
    function DOMAIN_SEPARATOR() external view returns (bytes32);
}
