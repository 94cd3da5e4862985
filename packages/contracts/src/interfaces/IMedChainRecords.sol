// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

/**
 * @title IMedChainRecords
 * @notice Record anchors of MedChain: an append-only, per-patient sequence of anchors, each naming the
 * CID of an encrypted record (never a hash of plaintext), its scope, the scope-key epoch it is
 * encrypted under, its author and, for a correction, the anchor it supersedes.
 *
 * Anchors are numbered 1, 2, 3, ... per patient (`seq`); `supersedes` is 0 or an earlier `seq`. The
 * record data lives in events; storage holds only the per-patient count, the rolling head and the
 * current epoch of each scope.
 *
 * Rolling head (what a client recomputes from the events to prove it holds the complete, unaltered
 * history; all values ABI-encoded as 32-byte words):
 *
 *   head_0 = keccak256(abi.encode(GENESIS_TAG, chainId, medChain, patient))   // set at registration
 *   head_n = keccak256(abi.encode(head_{n-1}, uint64 n, keccak256(cid_n), uint8 scope_n,
 *                                 uint32 epoch_n, address author_n, uint64 supersedes_n))
 *
 * with GENESIS_TAG = keccak256("MedChain.anchorHead.v1"), chainId the chain id at registration and
 * medChain this contract's address. {anchorHead} is head_{anchorCount}.
 *
 * Signed action (see {IMedChainIdentity} for the EIP-712 domain and nonces; the nonce is the
 * patient's, the signer the patient or a delegate):
 *
 *   RotateScopeKey(address patient,uint8 scope,uint32 epoch,bytes envelopeCid,uint256 nonce,uint256 deadline)
 *
 * Retries: every anchoring call carries `expectedCount`, the patient's anchor count the caller saw; the
 * call reverts with {MedChainRecordsStaleHead} if it changed, so a retried transaction that already
 * landed fails instead of anchoring twice.
 */
interface IMedChainRecords {
    /// @notice EIP-712 `RotateScopeKey`: the arguments of {rotateScopeKey} plus `nonce` and `deadline`.
    struct RotateScopeKey {
        address patient;
        uint8 scope;
        uint32 epoch;
        bytes envelopeCid;
        uint256 nonce;
        uint256 deadline;
    }

    /**
     * @dev Emitted when `author` anchored record `seq` of `patient`: ciphertext `cid` in `scope`,
     * encrypted under scope-key `epoch`, superseding anchor `supersedes` (0: none).
     */
    event RecordAnchored(
        address indexed patient,
        uint8 indexed scope,
        address indexed author,
        uint64 seq,
        uint32 epoch,
        uint64 supersedes,
        bytes cid
    );

    /**
     * @dev Emitted when `author` anchored `cids.length` records of `patient` in one call, all in
     * `scope` under `epoch`, numbered `firstSeq`, `firstSeq + 1`, ... Record `i` supersedes
     * `supersedes[i]`, or nothing if `supersedes` is empty.
     */
    event RecordsAnchored(
        address indexed patient,
        uint8 indexed scope,
        address indexed author,
        uint64 firstSeq,
        uint32 epoch,
        bytes[] cids,
        uint64[] supersedes
    );

    /**
     * @dev Emitted when `actor` (the patient or a delegate) started scope-key epoch `epoch` of `scope`
     * of `patient`; `envelopeCid` is the CID of the new scope key's envelopes (for the patient and the
     * remaining grantees).
     */
    event ScopeKeyRotated(
        address indexed patient, uint8 indexed scope, uint32 epoch, address actor, bytes envelopeCid
    );

    /// @dev The patient address is the zero address.
    error MedChainRecordsInvalidPatient(address patient);

    /// @dev `scope` is not a known scope id.
    error MedChainRecordsUnknownScope(uint8 scope);

    /// @dev A CID is empty.
    error MedChainRecordsEmptyCid();

    /// @dev A batch has no records.
    error MedChainRecordsEmptyBatch();

    /// @dev `supersedes` is not empty and its length differs from the number of CIDs.
    error MedChainRecordsLengthMismatch(uint256 cids, uint256 supersedes);

    /// @dev The caller expected the patient to have `expected` anchors; it has `actual`.
    error MedChainRecordsStaleHead(uint64 expected, uint64 actual);

    /// @dev `epoch` is not the epoch the call needs for `scope` (current for anchors, current + 1 for a rotation); `current` is.
    error MedChainRecordsStaleEpoch(uint8 scope, uint32 epoch, uint32 current);

    /// @dev Anchor `seq` cannot supersede `supersedes`: it must be 0 or an earlier anchor.
    error MedChainRecordsInvalidSupersedes(uint64 supersedes, uint64 seq);

    /// @dev `author` is neither the patient nor a verified provider with write access to `scope`.
    error MedChainRecordsUnauthorizedAuthor(address author, address patient, uint8 scope);

    /// @dev `account` is neither `patient` nor one of its delegates.
    error MedChainRecordsUnauthorizedAccount(address account, address patient);

    /**
     * @notice Appends one anchor to `patient`'s sequence. The caller (author) is the patient or a
     * verified provider with an unexpired write grant for `scope`.
     * @dev Reverts with {MedChainRecordsInvalidPatient}, {MedChainRecordsUnknownScope},
     * {MedChainRecordsEmptyCid}, {MedChainIdentityNotPatient}, {MedChainIdentityUnverifiedProvider}
     * (author), {MedChainRecordsUnauthorizedAuthor}, {MedChainRecordsStaleHead},
     * {MedChainRecordsStaleEpoch} or {MedChainRecordsInvalidSupersedes}. Emits {RecordAnchored}.
     * @param patient The patient the record belongs to.
     * @param expectedCount The patient's anchor count the caller saw (compare-and-swap).
     * @param scope The record's scope id.
     * @param epoch The scope-key epoch the record is encrypted under; must be {scopeEpoch}.
     * @param cid The CID (binary) of the encrypted record.
     * @param supersedes The `seq` of the anchor this one corrects, or 0.
     * @return seq The new anchor's number (`expectedCount + 1`).
     */
    function anchorRecord(
        address patient,
        uint64 expectedCount,
        uint8 scope,
        uint32 epoch,
        bytes calldata cid,
        uint64 supersedes
    ) external returns (uint64 seq);

    /**
     * @notice Appends many anchors of one scope and epoch in one call (one compare-and-swap, one event).
     * @dev Reverts as {anchorRecord}, with {MedChainRecordsEmptyBatch} for no CIDs and
     * {MedChainRecordsLengthMismatch} if `supersedes` is neither empty nor as long as `cids`. Emits
     * {RecordsAnchored}.
     * @param patient The patient the records belong to.
     * @param expectedCount The patient's anchor count the caller saw.
     * @param scope The records' scope id.
     * @param epoch The scope-key epoch the records are encrypted under; must be {scopeEpoch}.
     * @param cids The CIDs of the encrypted records, in order.
     * @param supersedes Empty, or the `seq` each record supersedes (0: none).
     * @return firstSeq The number of the first new anchor (`expectedCount + 1`).
     */
    function anchorRecords(
        address patient,
        uint64 expectedCount,
        uint8 scope,
        uint32 epoch,
        bytes[] calldata cids,
        uint64[] calldata supersedes
    ) external returns (uint64 firstSeq);

    /**
     * @notice As `patient` or a delegate of it, starts scope-key epoch `epoch` (the current one + 1) of
     * `scope`, typically after a revocation. New anchors in `scope` must then use `epoch`.
     * @dev Reverts with {MedChainRecordsInvalidPatient}, {MedChainRecordsUnknownScope},
     * {MedChainRecordsEmptyCid}, {MedChainIdentityNotPatient}, {MedChainRecordsUnauthorizedAccount} or
     * {MedChainRecordsStaleEpoch}. Emits {ScopeKeyRotated}.
     * @param patient The patient.
     * @param scope The scope id.
     * @param epoch The new epoch; must be {scopeEpoch} + 1 (compare-and-swap).
     * @param envelopeCid The CID of the new scope key's envelopes.
     */
    function rotateScopeKey(address patient, uint8 scope, uint32 epoch, bytes calldata envelopeCid)
        external;

    /**
     * @notice {rotateScopeKey} authorised by an EIP-712 `RotateScopeKey` signature of `signer` (the
     * patient or a delegate), submitted by anyone.
     * @dev Reverts with {MedChainRecordsInvalidPatient}, {MedChainIdentityNotPatient}, the signature
     * errors of {IMedChainIdentity}, {MedChainRecordsUnauthorizedAccount} (signer), then as
     * {rotateScopeKey}.
     * @param rotation The signed message.
     * @param signer The account that signed.
     * @param signature The signature.
     */
    function rotateScopeKeyBySig(
        RotateScopeKey calldata rotation,
        address signer,
        bytes calldata signature
    ) external;

    /// @notice The number of anchors of `patient` (the `seq` of the latest one).
    function anchorCount(address patient) external view returns (uint64);

    /// @notice The rolling head of `patient`'s anchors (head_0 after registration, 0 if not a patient).
    function anchorHead(address patient) external view returns (bytes32);

    /// @notice The current scope-key epoch of `scope` of `patient` (0 until the first rotation).
    function scopeEpoch(address patient, uint8 scope) external view returns (uint32);

    /// @notice The tag in head_0: keccak256("MedChain.anchorHead.v1").
    function GENESIS_TAG() external view returns (bytes32);
}
