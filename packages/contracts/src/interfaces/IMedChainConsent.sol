// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

/**
 * @title IMedChainConsent
 * @notice Consent of MedChain: scopes (record categories), access requests by verified providers,
 * grants, denials and revocations by the patient or the patient's delegates (directly or by EIP-712
 * signature relayed by anyone), and break-glass emergency access with key release by the patient's
 * chosen emergency custodian.
 *
 * Grants are per (patient, grantee, scope) and expire by block time. {hasAccess} is false for a grantee
 * that is not a currently verified provider, whatever its grants say.
 *
 * Signed actions (see {IMedChainIdentity} for the EIP-712 domain, nonces and signature errors). Typed
 * structs:
 *
 *   Grant(address patient,address grantee,uint8[] scopes,bool write,uint64 expiry,bytes envelopeCid,uint256 requestId,uint256 nonce,uint256 deadline)
 *   Revoke(address patient,address grantee,uint8[] scopes,uint256 nonce,uint256 deadline)
 *   Deny(address patient,uint256 requestId,uint256 nonce,uint256 deadline)
 *
 * The nonce is the patient's, shared by the patient and its delegates. The signer is the patient or one
 * of its delegates, an EOA (ECDSA) or a contract (ERC-1271).
 */
interface IMedChainConsent {
    /// @notice What a delegate is to the patient. Both kinds may manage the patient's consent.
    enum DelegateKind {
        None,
        Guardian,
        Caregiver
    }

    /**
     * @notice The stored consent of one grantee for one scope of one patient (one storage slot).
     * @param expiry Block timestamp at which the regular grant ends (0: none). Active while `now < expiry`.
     * @param write Whether the regular grant also allows anchoring records in the scope.
     * @param emergencyUntil Block timestamp at which break-glass read access ends (0: none).
     */
    struct Permission {
        uint64 expiry;
        bool write;
        uint64 emergencyUntil;
    }

    /// @notice EIP-712 `Grant`: the arguments of {grantAccess} plus `nonce` and `deadline`.
    struct Grant {
        address patient;
        address grantee;
        uint8[] scopes;
        bool write;
        uint64 expiry;
        bytes envelopeCid;
        uint256 requestId;
        uint256 nonce;
        uint256 deadline;
    }

    /// @notice EIP-712 `Revoke`: the arguments of {revokeAccess} plus `nonce` and `deadline`.
    struct Revoke {
        address patient;
        address grantee;
        uint8[] scopes;
        uint256 nonce;
        uint256 deadline;
    }

    /// @notice EIP-712 `Deny`: the arguments of {denyRequest} plus `nonce` and `deadline`.
    struct Deny {
        address patient;
        uint256 requestId;
        uint256 nonce;
        uint256 deadline;
    }

    /// @dev Emitted when scope id `scope` became known, with a human-readable category `name`.
    event ScopeAdded(uint8 indexed scope, string name);

    /**
     * @dev Emitted when `provider` asked `patient` for access to `scopes` for purpose `purpose` (an
     * application-defined code, e.g. an HL7 PurposeOfUse) for `duration` seconds.
     */
    event AccessRequested(
        uint256 indexed requestId,
        address indexed patient,
        address indexed provider,
        uint8[] scopes,
        uint16 purpose,
        uint64 duration
    );

    /// @dev Emitted when `provider` withdrew its pending request `requestId` to `patient`.
    event AccessRequestCancelled(
        uint256 indexed requestId, address indexed patient, address indexed provider
    );

    /// @dev Emitted when `actor` (the patient or a delegate) denied and closed request `requestId`.
    event AccessDenied(
        uint256 indexed requestId, address indexed patient, address indexed provider, address actor
    );

    /**
     * @dev Emitted, once per scope, when `actor` (the patient or a delegate) granted `grantee` read (and,
     * if `write`, write) access to `scope` of `patient` until `expiry`. `envelopeCid` is the CID of the
     * key envelope prepared for the grantee; `requestId` is the request this answers and closes (0:
     * unsolicited).
     */
    event AccessGranted(
        address indexed patient,
        address indexed grantee,
        uint8 indexed scope,
        bool write,
        uint64 expiry,
        uint256 requestId,
        address actor,
        bytes envelopeCid
    );

    /// @dev Emitted, once per scope, when `actor` revoked all access of `grantee` to `scope` of `patient`.
    event AccessRevoked(
        address indexed patient, address indexed grantee, uint8 indexed scope, address actor
    );

    /**
     * @dev Emitted when `patient` appointed (`kind` != None) or removed (`kind` == None) `delegate`.
     * `envelopeCid` is the CID of the key envelope that gives the delegate the patient's scope keys
     * (empty: a delegate that manages consent without keys, or a removal).
     */
    event DelegateUpdated(
        address indexed patient, address indexed delegate, DelegateKind kind, bytes envelopeCid
    );

    /**
     * @dev Emitted when `actor` turned break-glass access for `patient` on (with emergency custodian
     * `custodian`, holding the scope keys through key envelope `envelopeCid`) or off (both zero/empty).
     */
    event EmergencyAccessUpdated(
        address indexed patient,
        address indexed custodian,
        bool enabled,
        address actor,
        bytes envelopeCid
    );

    /**
     * @notice The patient's emergency custodian released scope keys to a provider that broke the glass.
     * @dev Emitted when `custodian`, the patient's emergency custodian, released the keys of `scopes`
     * of `patient` to `provider`, which holds unexpired break-glass access to each of them.
     * `envelopeCid` is the CID of the key envelope wrapped to the provider.
     */
    event EmergencyKeysReleased(
        address indexed patient,
        address indexed provider,
        address indexed custodian,
        uint8[] scopes,
        bytes envelopeCid
    );

    /**
     * @dev Emitted, once per scope, when verified `provider` used break-glass read access to `scope` of
     * `patient` for `reasonCode`, valid until `until`. Clients should surface it loudly.
     */
    event EmergencyAccessUsed(
        address indexed patient,
        address indexed provider,
        uint8 indexed scope,
        uint16 reasonCode,
        uint64 until
    );

    /// @dev Emitted when `actor` invalidated `patient`'s outstanding signatures; the next nonce is `nonce`.
    event NonceIncremented(address indexed patient, uint256 nonce, address actor);

    /// @dev The patient address is the zero address.
    error MedChainConsentInvalidPatient(address patient);

    /// @dev The grantee address is the zero address.
    error MedChainConsentInvalidGrantee(address grantee);

    /// @dev The delegate is the zero address or the patient itself.
    error MedChainConsentInvalidDelegate(address delegate);

    /**
     * @dev `account` is neither `patient` nor one of its delegates (nor, where relevant, the requester
     * or the patient's emergency custodian).
     */
    error MedChainConsentUnauthorizedAccount(address account, address patient);

    /// @dev The emergency custodian is the zero address when enabling, or given when disabling.
    error MedChainConsentInvalidCustodian(address custodian);

    /// @dev The scope list is empty.
    error MedChainConsentEmptyScopes();

    /// @dev `scope` is not a known scope id.
    error MedChainConsentUnknownScope(uint8 scope);

    /// @dev `scope` is already a known scope id.
    error MedChainConsentScopeAlreadyKnown(uint8 scope);

    /// @dev `expiry` is not in the future.
    error MedChainConsentExpiryInPast(uint64 expiry);

    /// @dev The requested duration is zero.
    error MedChainConsentInvalidDuration();

    /// @dev The break-glass reason code is zero.
    error MedChainConsentInvalidReasonCode();

    /// @dev The key-envelope CID is empty.
    error MedChainConsentEmptyCid();

    /// @dev `requestId` is not a pending request of `patient` (or, for a grant, not one from the grantee).
    error MedChainConsentUnknownRequest(address patient, uint256 requestId);

    /// @dev `grantee` holds no permission (regular or emergency) for `scope` of `patient`.
    error MedChainConsentNoPermission(address patient, address grantee, uint8 scope);

    /// @dev `patient` has not enabled break-glass emergency access.
    error MedChainConsentEmergencyAccessDisabled(address patient);

    /**
     * @notice Makes `scope` a known scope id, named `name` in the event. Scope ids are never removed.
     * @dev Only `DEFAULT_ADMIN_ROLE`. Reverts with {MedChainConsentScopeAlreadyKnown}. Emits {ScopeAdded}.
     * @param scope The new scope id (0-255; the constructor seeds 1-7).
     * @param name A human-readable category name, e.g. "vaccinations". Never health data.
     */
    function addScope(uint8 scope, string calldata name) external;

    /**
     * @notice As a verified provider, asks `patient` for access to `scopes`.
     * @dev Reverts with {MedChainIdentityUnverifiedProvider} (caller), {MedChainConsentInvalidPatient},
     * {MedChainIdentityNotPatient}, {MedChainConsentEmptyScopes}, {MedChainConsentUnknownScope} or
     * {MedChainConsentInvalidDuration}. Emits {AccessRequested}.
     * @param patient The patient asked.
     * @param scopes The scope ids asked for.
     * @param purpose An application-defined purpose code (e.g. an HL7 PurposeOfUse code).
     * @param duration The number of seconds of access asked for.
     * @return requestId The new request id (1, 2, 3, ...).
     */
    function requestAccess(
        address patient,
        uint8[] calldata scopes,
        uint16 purpose,
        uint64 duration
    ) external returns (uint256 requestId);

    /**
     * @notice Withdraws the caller's pending request `requestId` to `patient`.
     * @dev Reverts with {MedChainConsentUnknownRequest} if it is not pending and with
     * {MedChainConsentUnauthorizedAccount} if the caller is not the requester. Emits
     * {AccessRequestCancelled}.
     * @param patient The patient the request was made to.
     * @param requestId The request id.
     */
    function cancelRequest(address patient, uint256 requestId) external;

    /**
     * @notice As `patient` or a delegate of it, grants `grantee` access to `scopes` until `expiry`.
     * @dev Overwrites the regular grant of each scope (extends, shortens, up- or downgrades it) and keeps
     * any emergency access. If `requestId` is not 0 it must be a pending request of `patient` made by
     * `grantee`; it is closed. Reverts with {MedChainConsentInvalidPatient},
     * {MedChainConsentInvalidGrantee}, {MedChainConsentEmptyScopes}, {MedChainConsentUnknownScope},
     * {MedChainConsentExpiryInPast}, {MedChainConsentEmptyCid}, {MedChainIdentityNotPatient},
     * {MedChainConsentUnauthorizedAccount}, {MedChainIdentityUnverifiedProvider} (grantee) or
     * {MedChainConsentUnknownRequest}. Emits {AccessGranted} per scope.
     * @param patient The patient whose records are shared.
     * @param grantee A currently verified provider.
     * @param scopes The scope ids granted (each gets its own storage slot and event).
     * @param write Whether the grantee may also anchor records in these scopes.
     * @param expiry Block timestamp at which the grant ends; must be in the future.
     * @param envelopeCid The CID of the scope-key envelope wrapped to the grantee's encryption key.
     * @param requestId The request answered, or 0 for an unsolicited grant.
     */
    function grantAccess(
        address patient,
        address grantee,
        uint8[] calldata scopes,
        bool write,
        uint64 expiry,
        bytes calldata envelopeCid,
        uint256 requestId
    ) external;

    /**
     * @notice {grantAccess} authorised by an EIP-712 `Grant` signature of `signer` (the patient or a
     * delegate), submitted by anyone.
     * @dev Uses the patient's nonce. Reverts with {MedChainConsentInvalidPatient},
     * {MedChainIdentityNotPatient}, {MedChainIdentityInvalidSigner}, {MedChainIdentityExpiredSignature},
     * {MedChainIdentityInvalidNonce}, {MedChainIdentityInvalidSignature},
     * {MedChainConsentUnauthorizedAccount} (signer not the patient or a delegate), then as {grantAccess}.
     * @param grant The signed message.
     * @param signer The account that signed (an EOA or an ERC-1271 contract).
     * @param signature The signature (65-byte ECDSA, or whatever the ERC-1271 contract accepts).
     */
    function grantAccessBySig(Grant calldata grant, address signer, bytes calldata signature)
        external;

    /**
     * @notice As `patient` or a delegate of it, removes all access (regular and emergency) of `grantee`
     * to `scopes`, at once. Works whatever the grantee's status.
     * @dev Clears the slots (gas refund). Reverts with {MedChainConsentInvalidPatient},
     * {MedChainConsentInvalidGrantee}, {MedChainConsentEmptyScopes},
     * {MedChainConsentUnauthorizedAccount} or, for a scope without any stored permission,
     * {MedChainConsentNoPermission}. Emits {AccessRevoked} per scope. Starting a new scope-key epoch
     * is a separate call ({IMedChainRecords-rotateScopeKey}).
     * @param patient The patient.
     * @param grantee The grantee.
     * @param scopes The scope ids revoked.
     */
    function revokeAccess(address patient, address grantee, uint8[] calldata scopes) external;

    /**
     * @notice {revokeAccess} authorised by an EIP-712 `Revoke` signature of `signer`, submitted by anyone.
     * @dev Reverts as {grantAccessBySig} for the signature, then as {revokeAccess}.
     * @param revoke The signed message.
     * @param signer The account that signed (the patient or a delegate).
     * @param signature The signature.
     */
    function revokeAccessBySig(Revoke calldata revoke, address signer, bytes calldata signature)
        external;

    /**
     * @notice As `patient` or a delegate of it, denies and closes pending request `requestId`.
     * @dev Reverts with {MedChainConsentInvalidPatient}, {MedChainConsentUnauthorizedAccount} or
     * {MedChainConsentUnknownRequest}. Emits {AccessDenied}.
     * @param patient The patient.
     * @param requestId The pending request.
     */
    function denyRequest(address patient, uint256 requestId) external;

    /**
     * @notice {denyRequest} authorised by an EIP-712 `Deny` signature of `signer`, submitted by anyone.
     * @dev Reverts as {grantAccessBySig} for the signature, then as {denyRequest}.
     * @param deny The signed message.
     * @param signer The account that signed (the patient or a delegate).
     * @param signature The signature.
     */
    function denyRequestBySig(Deny calldata deny, address signer, bytes calldata signature) external;

    /**
     * @notice As a patient, appoints `delegate` as `kind`, or removes it with `DelegateKind.None`.
     * Delegates may grant, deny and revoke, sign for the patient, toggle emergency access and rotate
     * scope keys; they cannot appoint delegates or anchor records.
     * @dev Reverts with {MedChainIdentityNotPatient} (caller) or {MedChainConsentInvalidDelegate} (zero
     * address or the caller). Emits {DelegateUpdated}.
     * @param delegate The delegate account (EOA or contract).
     * @param kind `Guardian`, `Caregiver`, or `None` to remove.
     * @param envelopeCid CID of the key envelope with the patient's scope keys wrapped to the delegate
     * (empty for none).
     */
    function setDelegate(address delegate, DelegateKind kind, bytes calldata envelopeCid) external;

    /**
     * @notice As `patient` or a delegate of it, turns break-glass emergency access on, naming the
     * emergency custodian that holds the scope keys and releases them to a provider that used
     * break-glass access, or off. Turning it off does not shorten emergency access already used (revoke
     * for that) but stops further key releases.
     * @dev Reverts with {MedChainConsentInvalidPatient}, {MedChainIdentityNotPatient} or
     * {MedChainConsentUnauthorizedAccount}; when enabling, with {MedChainConsentInvalidCustodian} (zero
     * address), {MedChainIdentityUnverifiedProvider} (custodian) or {MedChainConsentEmptyCid}; when
     * disabling, with {MedChainConsentInvalidCustodian} (a custodian or an envelope given). Emits
     * {EmergencyAccessUpdated}.
     * @param patient The patient.
     * @param enabled Whether verified providers may use break-glass access.
     * @param custodian When enabling: a verified provider (e.g. a hospital's break-glass key service);
     * when disabling: the zero address.
     * @param envelopeCid When enabling: CID of the key envelope with the patient's scope keys wrapped to
     * the custodian; when disabling: empty.
     */
    function setEmergencyAccess(
        address patient,
        bool enabled,
        address custodian,
        bytes calldata envelopeCid
    ) external;

    /**
     * @notice As a verified provider, takes break-glass read access to `scopes` of `patient` for
     * {EMERGENCY_ACCESS_DURATION}, where the patient enabled it.
     * @dev Does not touch regular grants. Reverts with {MedChainIdentityUnverifiedProvider} (caller),
     * {MedChainConsentInvalidPatient}, {MedChainConsentEmptyScopes}, {MedChainConsentUnknownScope},
     * {MedChainConsentInvalidReasonCode}, {MedChainIdentityNotPatient} or
     * {MedChainConsentEmergencyAccessDisabled}. Emits {EmergencyAccessUsed} per scope.
     * @param patient The patient.
     * @param scopes The scope ids needed.
     * @param reasonCode A non-zero application-defined reason code.
     */
    function emergencyAccess(address patient, uint8[] calldata scopes, uint16 reasonCode) external;

    /**
     * @notice As the patient's emergency custodian, releases the keys of `scopes` of `patient` to
     * `provider`, which used break-glass access to each of them and holds it still.
     * @dev Reverts with {MedChainConsentUnauthorizedAccount} (caller not the custodian),
     * {MedChainIdentityUnverifiedProvider} (caller or provider), {MedChainConsentEmptyScopes},
     * {MedChainConsentEmptyCid} or {MedChainConsentNoPermission} (no unexpired break-glass access).
     * Emits {EmergencyKeysReleased}.
     * @param patient The patient.
     * @param provider The provider that used break-glass access.
     * @param scopes The scope ids whose keys the envelope holds.
     * @param envelopeCid CID of the key envelope wrapped to `provider`.
     */
    function releaseEmergencyKeys(
        address patient,
        address provider,
        uint8[] calldata scopes,
        bytes calldata envelopeCid
    ) external;

    /**
     * @notice As `patient` or a delegate of it, invalidates every outstanding signature by using up the
     * current nonce.
     * @dev Reverts with {MedChainConsentInvalidPatient}, {MedChainIdentityNotPatient} or
     * {MedChainConsentUnauthorizedAccount}. Emits {NonceIncremented}.
     * @param patient The patient.
     */
    function incrementNonce(address patient) external;

    /**
     * @notice Whether `grantee` may read `scope` of `patient` now: a regular grant or emergency access
     * is unexpired and `grantee` is a currently verified provider.
     */
    function hasAccess(address patient, address grantee, uint8 scope) external view returns (bool);

    /// @notice Whether `grantee` may anchor records in `scope` of `patient` now (unexpired write grant, verified).
    function hasWriteAccess(address patient, address grantee, uint8 scope)
        external
        view
        returns (bool);

    /// @notice The stored permission of `grantee` for `scope` of `patient` (whatever the grantee's status).
    function permissionOf(address patient, address grantee, uint8 scope)
        external
        view
        returns (Permission memory);

    /// @notice What `delegate` is to `patient` (`None` if not a delegate).
    function delegateOf(address patient, address delegate) external view returns (DelegateKind);

    /// @notice Whether `patient` enabled break-glass emergency access.
    function emergencyAccessEnabled(address patient) external view returns (bool);

    /// @notice The emergency custodian of `patient`, or the zero address if break-glass access is off.
    function emergencyCustodianOf(address patient) external view returns (address);

    /// @notice The provider of pending request `requestId` to `patient`, or the zero address if none.
    function pendingRequest(address patient, uint256 requestId)
        external
        view
        returns (address provider);

    /// @notice The number of requests ever made (the last request id).
    function requestCount() external view returns (uint256);

    /// @notice Whether `scope` is a known scope id.
    function isKnownScope(uint8 scope) external view returns (bool);

    /// @notice The bitmap of known scope ids (bit `i` set: scope `i` is known).
    function knownScopes() external view returns (uint256);

    /// @notice How long break-glass access lasts: 24 hours.
    function EMERGENCY_ACCESS_DURATION() external view returns (uint64);
}
