// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IMedChainConsent} from "../interfaces/IMedChainConsent.sol";
import {MedChainIdentity} from "../identity/MedChainIdentity.sol";

/**
 * @title MedChainConsent
 * @notice Scopes, access requests, grants, denials, revocations, delegates, signed patient actions
 * and break-glass access. See {IMedChainConsent}.
 *
 * Storage: one {Permission} slot per (patient, grantee, scope); one slot per pending request
 * (patient, requestId) holding the requester, cleared when the request is closed; one slot per
 * (patient, delegate); one per patient with break-glass access on (its emergency custodian); the
 * known-scope bitmap and the request counter. Key-envelope CIDs, purposes and reason codes live in
 * events only. The patient's nonce and emergency opt-in live in its packed
 * {MedChainIdentity-Account} slot.
 */
abstract contract MedChainConsent is MedChainIdentity, IMedChainConsent {
    /// @inheritdoc IMedChainConsent
    uint64 public constant EMERGENCY_ACCESS_DURATION = 24 hours;

    /// @dev Scope ids seeded by the constructor.
    uint8 internal constant SCOPE_PROFILE = 1;
    uint8 internal constant SCOPE_DIAGNOSES = 2;
    uint8 internal constant SCOPE_TREATMENTS = 3;
    uint8 internal constant SCOPE_PRESCRIPTIONS = 4;
    uint8 internal constant SCOPE_LAB_RESULTS = 5;
    uint8 internal constant SCOPE_IMAGING = 6;
    uint8 internal constant SCOPE_DOCUMENTS = 7;

    /**
     * @dev Bitmap of the seeded scopes. Scopes are never removed, so the common case (a seeded scope)
     * is checked against this constant and skips the cold read of `_knownScopes` (2,100 gas).
     */
    uint256 private constant SEEDED_SCOPES = 0xfe; // bits SCOPE_PROFILE (1) to SCOPE_DOCUMENTS (7)

    bytes32 private constant GRANT_TYPEHASH = keccak256(
        "Grant(address patient,address grantee,uint8[] scopes,bool write,uint64 expiry,bytes envelopeCid,uint256 requestId,uint256 nonce,uint256 deadline)"
    );
    bytes32 private constant REVOKE_TYPEHASH = keccak256(
        "Revoke(address patient,address grantee,uint8[] scopes,uint256 nonce,uint256 deadline)"
    );
    bytes32 private constant DENY_TYPEHASH =
        keccak256("Deny(address patient,uint256 requestId,uint256 nonce,uint256 deadline)");

    uint256 private _knownScopes;
    uint256 private _requestCount;
    mapping(address patient => mapping(address grantee => mapping(uint8 scope => Permission)))
        private _permissions;
    mapping(address patient => mapping(address delegate => DelegateKind)) private _delegates;
    mapping(address patient => mapping(uint256 requestId => address provider)) private _requests;
    mapping(address patient => address custodian) private _emergencyCustodians;

    constructor() {
        _addScope(SCOPE_PROFILE, "profile");
        _addScope(SCOPE_DIAGNOSES, "diagnoses");
        _addScope(SCOPE_TREATMENTS, "treatments");
        _addScope(SCOPE_PRESCRIPTIONS, "prescriptions");
        _addScope(SCOPE_LAB_RESULTS, "lab-results");
        _addScope(SCOPE_IMAGING, "imaging");
        _addScope(SCOPE_DOCUMENTS, "documents");
    }

    // ---------------------------------------------------------------- scopes

    /// @inheritdoc IMedChainConsent
    function addScope(uint8 scope, string calldata name) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _addScope(scope, name);
    }

    // ---------------------------------------------------------------- requests

    /// @inheritdoc IMedChainConsent
    function requestAccess(
        address patient,
        uint8[] calldata scopes,
        uint16 purpose,
        uint64 duration
    ) external returns (uint256 requestId) {
        address provider = _msgSender();
        _requireActiveProvider(provider);
        if (patient == address(0)) revert MedChainConsentInvalidPatient(address(0));
        _requireKnownScopes(scopes);
        if (duration == 0) revert MedChainConsentInvalidDuration();
        _patientAccount(patient);
        requestId = ++_requestCount;
        _requests[patient][requestId] = provider;
        emit AccessRequested(requestId, patient, provider, scopes, purpose, duration);
    }

    /// @inheritdoc IMedChainConsent
    function cancelRequest(address patient, uint256 requestId) external {
        address provider = _requests[patient][requestId];
        if (provider == address(0)) revert MedChainConsentUnknownRequest(patient, requestId);
        if (provider != _msgSender()) {
            revert MedChainConsentUnauthorizedAccount(_msgSender(), patient);
        }
        delete _requests[patient][requestId];
        emit AccessRequestCancelled(requestId, patient, provider);
    }

    // ---------------------------------------------------------------- grant / revoke / deny

    /// @inheritdoc IMedChainConsent
    function grantAccess(
        address patient,
        address grantee,
        uint8[] calldata scopes,
        bool write,
        uint64 expiry,
        bytes calldata envelopeCid,
        uint256 requestId
    ) external {
        address actor = _msgSender();
        _authorize(patient, actor);
        _grant(patient, actor, grantee, scopes, write, expiry, envelopeCid, requestId);
    }

    /// @inheritdoc IMedChainConsent
    function grantAccessBySig(Grant calldata grant, address signer, bytes calldata signature)
        external
    {
        _usePatientSignature(
            grant.patient, signer, grant.nonce, grant.deadline, _hashGrant(grant), signature
        );
        _grant(
            grant.patient,
            signer,
            grant.grantee,
            grant.scopes,
            grant.write,
            grant.expiry,
            grant.envelopeCid,
            grant.requestId
        );
    }

    /// @inheritdoc IMedChainConsent
    function revokeAccess(address patient, address grantee, uint8[] calldata scopes) external {
        address actor = _msgSender();
        _authorize(patient, actor);
        _revoke(patient, actor, grantee, scopes);
    }

    /// @inheritdoc IMedChainConsent
    function revokeAccessBySig(Revoke calldata revoke, address signer, bytes calldata signature)
        external
    {
        bytes32 structHash = keccak256(
            abi.encode(
                REVOKE_TYPEHASH,
                revoke.patient,
                revoke.grantee,
                keccak256(abi.encodePacked(revoke.scopes)),
                revoke.nonce,
                revoke.deadline
            )
        );
        _usePatientSignature(
            revoke.patient, signer, revoke.nonce, revoke.deadline, structHash, signature
        );
        _revoke(revoke.patient, signer, revoke.grantee, revoke.scopes);
    }

    /// @inheritdoc IMedChainConsent
    function denyRequest(address patient, uint256 requestId) external {
        address actor = _msgSender();
        _authorize(patient, actor);
        _deny(patient, actor, requestId);
    }

    /// @inheritdoc IMedChainConsent
    function denyRequestBySig(Deny calldata deny, address signer, bytes calldata signature)
        external
    {
        bytes32 structHash = keccak256(
            abi.encode(DENY_TYPEHASH, deny.patient, deny.requestId, deny.nonce, deny.deadline)
        );
        _usePatientSignature(deny.patient, signer, deny.nonce, deny.deadline, structHash, signature);
        _deny(deny.patient, signer, deny.requestId);
    }

    // ---------------------------------------------------------------- delegates, emergency, nonces

    /// @inheritdoc IMedChainConsent
    function setDelegate(address delegate, DelegateKind kind, bytes calldata envelopeCid) external {
        address patient = _msgSender();
        _patientAccount(patient);
        if (delegate == address(0) || delegate == patient) {
            revert MedChainConsentInvalidDelegate(delegate);
        }
        _delegates[patient][delegate] = kind;
        emit DelegateUpdated(patient, delegate, kind, envelopeCid);
    }

    /// @inheritdoc IMedChainConsent
    function setEmergencyAccess(
        address patient,
        bool enabled,
        address custodian,
        bytes calldata envelopeCid
    ) external {
        address actor = _msgSender();
        Account storage acc = _authorize(patient, actor);
        if (enabled) {
            if (custodian == address(0)) revert MedChainConsentInvalidCustodian(address(0));
            _requireActiveProvider(custodian);
            if (envelopeCid.length == 0) revert MedChainConsentEmptyCid();
        } else if (custodian != address(0) || envelopeCid.length != 0) {
            revert MedChainConsentInvalidCustodian(custodian);
        }
        acc.emergencyAccess = enabled;
        _emergencyCustodians[patient] = custodian;
        emit EmergencyAccessUpdated(patient, custodian, enabled, actor, envelopeCid);
    }

    /// @inheritdoc IMedChainConsent
    function emergencyAccess(address patient, uint8[] calldata scopes, uint16 reasonCode) external {
        address provider = _msgSender();
        _requireActiveProvider(provider);
        if (patient == address(0)) revert MedChainConsentInvalidPatient(address(0));
        _requireKnownScopes(scopes);
        if (reasonCode == 0) revert MedChainConsentInvalidReasonCode();
        if (!_patientAccount(patient).emergencyAccess) {
            revert MedChainConsentEmergencyAccessDisabled(patient);
        }
        uint64 until = uint64(block.timestamp) + EMERGENCY_ACCESS_DURATION;
        for (uint256 i = 0; i < scopes.length; ++i) {
            uint8 scope = scopes[i];
            _permissions[patient][provider][scope].emergencyUntil = until;
            emit EmergencyAccessUsed(patient, provider, scope, reasonCode, until);
        }
    }

    /// @inheritdoc IMedChainConsent
    function releaseEmergencyKeys(
        address patient,
        address provider,
        uint8[] calldata scopes,
        bytes calldata envelopeCid
    ) external {
        address custodian = _msgSender();
        if (custodian != _emergencyCustodians[patient] || custodian == address(0)) {
            revert MedChainConsentUnauthorizedAccount(custodian, patient);
        }
        _requireActiveProvider(custodian);
        _requireActiveProvider(provider);
        if (scopes.length == 0) revert MedChainConsentEmptyScopes();
        if (envelopeCid.length == 0) revert MedChainConsentEmptyCid();
        for (uint256 i = 0; i < scopes.length; ++i) {
            uint8 scope = scopes[i];
            if (_permissions[patient][provider][scope].emergencyUntil <= block.timestamp) {
                revert MedChainConsentNoPermission(patient, provider, scope);
            }
        }
        emit EmergencyKeysReleased(patient, provider, custodian, scopes, envelopeCid);
    }

    /// @inheritdoc IMedChainConsent
    function incrementNonce(address patient) external {
        address actor = _msgSender();
        Account storage acc = _authorize(patient, actor);
        uint64 nonce = acc.nonce + 1;
        acc.nonce = nonce;
        emit NonceIncremented(patient, nonce, actor);
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc IMedChainConsent
    function hasAccess(address patient, address grantee, uint8 scope) external view returns (bool) {
        Permission storage p = _permissions[patient][grantee][scope];
        return (p.expiry > block.timestamp || p.emergencyUntil > block.timestamp)
            && isActiveProvider(grantee);
    }

    /// @inheritdoc IMedChainConsent
    function hasWriteAccess(address patient, address grantee, uint8 scope)
        public
        view
        returns (bool)
    {
        Permission storage p = _permissions[patient][grantee][scope];
        return p.write && p.expiry > block.timestamp && isActiveProvider(grantee);
    }

    /// @inheritdoc IMedChainConsent
    function permissionOf(address patient, address grantee, uint8 scope)
        external
        view
        returns (Permission memory)
    {
        return _permissions[patient][grantee][scope];
    }

    /// @inheritdoc IMedChainConsent
    function delegateOf(address patient, address delegate) external view returns (DelegateKind) {
        return _delegates[patient][delegate];
    }

    /// @inheritdoc IMedChainConsent
    function emergencyAccessEnabled(address patient) external view returns (bool) {
        return _account(patient).emergencyAccess;
    }

    /// @inheritdoc IMedChainConsent
    function emergencyCustodianOf(address patient) external view returns (address) {
        return _emergencyCustodians[patient];
    }

    /// @inheritdoc IMedChainConsent
    function pendingRequest(address patient, uint256 requestId) external view returns (address) {
        return _requests[patient][requestId];
    }

    /// @inheritdoc IMedChainConsent
    function requestCount() external view returns (uint256) {
        return _requestCount;
    }

    /// @inheritdoc IMedChainConsent
    function isKnownScope(uint8 scope) public view returns (bool) {
        return (SEEDED_SCOPES >> scope) & 1 == 1 || (_knownScopes >> scope) & 1 == 1;
    }

    /// @inheritdoc IMedChainConsent
    function knownScopes() external view returns (uint256) {
        return _knownScopes;
    }

    // ---------------------------------------------------------------- internals

    /// @dev Whether `account` is `patient` or one of its delegates.
    function _isPatientOrDelegate(address patient, address account) internal view returns (bool) {
        return account == patient || _delegates[patient][account] != DelegateKind.None;
    }

    /**
     * @dev Checks that `patient` is a patient and `actor` is it or one of its delegates; returns the
     * patient's account slot.
     */
    function _authorize(address patient, address actor)
        internal
        view
        returns (Account storage acc)
    {
        if (patient == address(0)) {
            revert MedChainConsentInvalidPatient(address(0));
        }
        acc = _patientAccount(patient);
        if (!_isPatientOrDelegate(patient, actor)) {
            revert MedChainConsentUnauthorizedAccount(actor, patient);
        }
    }

    function _addScope(uint8 scope, string memory name) private {
        uint256 bit = uint256(1) << scope;
        if (_knownScopes & bit != 0) revert MedChainConsentScopeAlreadyKnown(scope);
        _knownScopes |= bit;
        emit ScopeAdded(scope, name);
    }

    function _requireKnownScopes(uint8[] calldata scopes) private view {
        if (scopes.length == 0) revert MedChainConsentEmptyScopes();
        for (uint256 i = 0; i < scopes.length; ++i) {
            uint8 scope = scopes[i];
            if (!isKnownScope(scope)) revert MedChainConsentUnknownScope(scope);
        }
    }

    function _grant(
        address patient,
        address actor,
        address grantee,
        uint8[] calldata scopes,
        bool write,
        uint64 expiry,
        bytes calldata envelopeCid,
        uint256 requestId
    ) private {
        if (grantee == address(0)) {
            revert MedChainConsentInvalidGrantee(address(0));
        }
        _requireKnownScopes(scopes);
        if (expiry <= block.timestamp) revert MedChainConsentExpiryInPast(expiry);
        if (envelopeCid.length == 0) revert MedChainConsentEmptyCid();
        _requireActiveProvider(grantee);
        if (requestId != 0) {
            if (_requests[patient][requestId] != grantee) {
                revert MedChainConsentUnknownRequest(patient, requestId);
            }
            delete _requests[patient][requestId];
        }
        bytes memory data = abi.encode(write, expiry, requestId, actor, envelopeCid);
        _writeGrants(patient, grantee, scopes, write, expiry, data);
    }

    /**
     * @dev Stores the regular grant of each scope and emits {AccessGranted} for it. The event data
     * (`write`, `expiry`, `requestId`, `actor`, `envelopeCid`) is the same for every scope, so it is
     * ABI-encoded once by the caller into `data` and logged with LOG4 here.
     */
    function _writeGrants(
        address patient,
        address grantee,
        uint8[] calldata scopes,
        bool write,
        uint64 expiry,
        bytes memory data
    ) private {
        bytes32 topic0 = AccessGranted.selector;
        for (uint256 i = 0; i < scopes.length; ++i) {
            uint8 scope = scopes[i];
            Permission storage p = _permissions[patient][grantee][scope];
            p.expiry = expiry;
            p.write = write;
            // emit AccessGranted(patient, grantee, scope, write, expiry, requestId, actor, envelopeCid);
            assembly ("memory-safe") {
                log4(
                    add(data, 0x20),
                    mload(data),
                    topic0,
                    and(patient, 0xffffffffffffffffffffffffffffffffffffffff),
                    and(grantee, 0xffffffffffffffffffffffffffffffffffffffff),
                    and(scope, 0xff)
                )
            }
        }
    }

    function _revoke(address patient, address actor, address grantee, uint8[] calldata scopes)
        private
    {
        if (grantee == address(0)) revert MedChainConsentInvalidGrantee(address(0));
        if (scopes.length == 0) revert MedChainConsentEmptyScopes();
        for (uint256 i = 0; i < scopes.length; ++i) {
            uint8 scope = scopes[i];
            Permission storage p = _permissions[patient][grantee][scope];
            if (p.expiry == 0 && p.emergencyUntil == 0) {
                revert MedChainConsentNoPermission(patient, grantee, scope);
            }
            delete _permissions[patient][grantee][scope];
            emit AccessRevoked(patient, grantee, scope, actor);
        }
    }

    function _deny(address patient, address actor, uint256 requestId) private {
        address provider = _requests[patient][requestId];
        if (provider == address(0)) revert MedChainConsentUnknownRequest(patient, requestId);
        delete _requests[patient][requestId];
        emit AccessDenied(requestId, patient, provider, actor);
    }

    /**
     * @dev Checks `signer`'s EIP-712 signature of `structHash` on behalf of `patient` and uses the
     * patient's nonce: `patient` must be a patient and `signer` it or one of its delegates.
     */
    function _usePatientSignature(
        address patient,
        address signer,
        uint256 nonce,
        uint256 deadline,
        bytes32 structHash,
        bytes calldata signature
    ) internal {
        if (patient == address(0)) {
            revert MedChainConsentInvalidPatient(address(0));
        }
        _patientAccount(patient);
        _useSignature(patient, signer, nonce, deadline, structHash, signature);
        if (!_isPatientOrDelegate(patient, signer)) {
            revert MedChainConsentUnauthorizedAccount(signer, patient);
        }
    }

    function _hashGrant(Grant calldata grant) private pure returns (bytes32) {
        return keccak256(
            abi.encode(
                GRANT_TYPEHASH,
                grant.patient,
                grant.grantee,
                keccak256(abi.encodePacked(grant.scopes)),
                grant.write,
                grant.expiry,
                keccak256(grant.envelopeCid),
                grant.requestId,
                grant.nonce,
                grant.deadline
            )
        );
    }
}
