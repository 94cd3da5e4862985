// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IMedChainRecords} from "../interfaces/IMedChainRecords.sol";
import {MedChainConsent} from "../consent/MedChainConsent.sol";

/**
 * @title MedChainRecords
 * @notice Append-only record anchors with a per-patient rolling head, and scope-key epochs. See
 * {IMedChainRecords} for the head formula.
 *
 * Storage: the anchor count in the patient's packed {MedChainIdentity-Account} slot, the rolling head
 * in its own slot (set at registration so anchoring never pays for a fresh slot), and the scope-key
 * epochs packed eight `uint32` to a slot. CIDs, authors and supersession links live in events only;
 * there is deliberately no per-CID slot (duplicate safety comes from `expectedCount`).
 */
abstract contract MedChainRecords is MedChainConsent, IMedChainRecords {
    /// @inheritdoc IMedChainRecords
    bytes32 public constant GENESIS_TAG = keccak256("MedChain.anchorHead.v1");

    bytes32 private constant ROTATE_SCOPE_KEY_TYPEHASH = keccak256(
        "RotateScopeKey(address patient,uint8 scope,uint32 epoch,bytes envelopeCid,uint256 nonce,uint256 deadline)"
    );

    mapping(address patient => bytes32) private _heads;
    mapping(address patient => mapping(uint256 bucket => uint256)) private _epochs;

    /// @inheritdoc IMedChainRecords
    function anchorRecord(
        address patient,
        uint64 expectedCount,
        uint8 scope,
        uint32 epoch,
        bytes calldata cid,
        uint64 supersedes
    ) external returns (uint64 seq) {
        address author = _msgSender();
        if (cid.length == 0) revert MedChainRecordsEmptyCid();
        Account storage acc = _checkAnchor(patient, author, expectedCount, scope, epoch);
        seq = expectedCount + 1;
        if (supersedes >= seq) revert MedChainRecordsInvalidSupersedes(supersedes, seq);
        uint256 buffer = _headBuffer(scope, epoch, author);
        _heads[patient] = _nextHead(buffer, _heads[patient], seq, cid, supersedes);
        acc.anchorCount = seq;
        emit RecordAnchored(patient, scope, author, seq, epoch, supersedes, cid);
    }

    /// @inheritdoc IMedChainRecords
    function anchorRecords(
        address patient,
        uint64 expectedCount,
        uint8 scope,
        uint32 epoch,
        bytes[] calldata cids,
        uint64[] calldata supersedes
    ) external returns (uint64 firstSeq) {
        if (cids.length == 0) revert MedChainRecordsEmptyBatch();
        if (supersedes.length != 0 && supersedes.length != cids.length) {
            revert MedChainRecordsLengthMismatch(cids.length, supersedes.length);
        }
        Account storage acc = _checkAnchor(patient, _msgSender(), expectedCount, scope, epoch);
        acc.anchorCount = _chain(
            patient, _headBuffer(scope, epoch, _msgSender()), expectedCount, cids, supersedes
        );
        firstSeq = expectedCount + 1;
        emit RecordsAnchored(patient, scope, _msgSender(), firstSeq, epoch, cids, supersedes);
    }

    /// @inheritdoc IMedChainRecords
    function rotateScopeKey(address patient, uint8 scope, uint32 epoch, bytes calldata envelopeCid)
        external
    {
        address actor = _msgSender();
        if (patient == address(0)) revert MedChainRecordsInvalidPatient(address(0));
        _patientAccount(patient);
        if (!_isPatientOrDelegate(patient, actor)) {
            revert MedChainRecordsUnauthorizedAccount(actor, patient);
        }
        _rotateScopeKey(patient, actor, scope, epoch, envelopeCid);
    }

    /// @inheritdoc IMedChainRecords
    function rotateScopeKeyBySig(
        RotateScopeKey calldata rotation,
        address signer,
        bytes calldata signature
    ) external {
        address patient = rotation.patient;
        if (patient == address(0)) revert MedChainRecordsInvalidPatient(address(0));
        _patientAccount(patient);
        bytes32 structHash = keccak256(
            abi.encode(
                ROTATE_SCOPE_KEY_TYPEHASH,
                patient,
                rotation.scope,
                rotation.epoch,
                keccak256(rotation.envelopeCid),
                rotation.nonce,
                rotation.deadline
            )
        );
        _useSignature(patient, signer, rotation.nonce, rotation.deadline, structHash, signature);
        if (!_isPatientOrDelegate(patient, signer)) {
            revert MedChainRecordsUnauthorizedAccount(signer, patient);
        }
        _rotateScopeKey(patient, signer, rotation.scope, rotation.epoch, rotation.envelopeCid);
    }

    /// @inheritdoc IMedChainRecords
    function anchorCount(address patient) external view returns (uint64) {
        return _account(patient).anchorCount;
    }

    /// @inheritdoc IMedChainRecords
    function anchorHead(address patient) external view returns (bytes32) {
        return _heads[patient];
    }

    /// @inheritdoc IMedChainRecords
    function scopeEpoch(address patient, uint8 scope) public view returns (uint32) {
        return uint32(_epochs[patient][scope >> 3] >> (uint256(scope & 7) << 5));
    }

    /// @dev Sets head_0 of a new patient: keccak256(abi.encode(GENESIS_TAG, chainid, this, patient)).
    function _afterRegister(address account, Role role) internal virtual override {
        if (role == Role.Patient) {
            _heads[account] =
                keccak256(abi.encode(GENESIS_TAG, block.chainid, address(this), account));
        }
    }

    /// @dev Starts epoch `epoch` (the current one + 1) of `scope` of `patient`; `actor` is authorised.
    function _rotateScopeKey(
        address patient,
        address actor,
        uint8 scope,
        uint32 epoch,
        bytes calldata envelopeCid
    ) private {
        if (!isKnownScope(scope)) revert MedChainRecordsUnknownScope(scope);
        if (envelopeCid.length == 0) revert MedChainRecordsEmptyCid();
        uint256 bucket = scope >> 3;
        uint256 shift = uint256(scope & 7) << 5;
        uint256 packed = _epochs[patient][bucket];
        // forge-lint: disable-next-line(unsafe-typecast) -- the low 32 bits after the shift are the epoch
        uint32 current = uint32(packed >> shift);
        if (uint256(epoch) != uint256(current) + 1) {
            revert MedChainRecordsStaleEpoch(scope, epoch, current);
        }
        _epochs[patient][bucket] =
            (packed & ~(uint256(type(uint32).max) << shift)) | (uint256(epoch) << shift);
        emit ScopeKeyRotated(patient, scope, epoch, actor, envelopeCid);
    }

    /**
     * @dev Checks everything an anchoring call needs but the CIDs and returns the patient's account
     * slot: known scope, patient, author rights, compare-and-swap on the count, current epoch.
     */
    function _checkAnchor(
        address patient,
        address author,
        uint64 expectedCount,
        uint8 scope,
        uint32 epoch
    ) private view returns (Account storage acc) {
        if (patient == address(0)) revert MedChainRecordsInvalidPatient(address(0));
        if (!isKnownScope(scope)) revert MedChainRecordsUnknownScope(scope);
        acc = _patientAccount(patient);
        if (author != patient) {
            _requireActiveProvider(author);
            if (!hasWriteAccess(patient, author, scope)) {
                revert MedChainRecordsUnauthorizedAuthor(author, patient, scope);
            }
        }
        uint64 count = acc.anchorCount;
        if (count != expectedCount) revert MedChainRecordsStaleHead(expectedCount, count);
        uint32 current = scopeEpoch(patient, scope);
        if (epoch != current) revert MedChainRecordsStaleEpoch(scope, epoch, current);
    }

    /**
     * @dev Folds `cids` (with `supersedes`, possibly empty) into the head of `patient` after anchor
     * `count`; stores the new head and returns the new count.
     */
    function _chain(
        address patient,
        uint256 buffer,
        uint64 count,
        bytes[] calldata cids,
        uint64[] calldata supersedes
    ) private returns (uint64) {
        bytes32 head = _heads[patient];
        bool corrections = supersedes.length != 0;
        for (uint256 i = 0; i < cids.length; ++i) {
            bytes calldata cid = cids[i];
            if (cid.length == 0) revert MedChainRecordsEmptyCid();
            uint64 superseded = corrections ? supersedes[i] : 0;
            ++count;
            if (superseded >= count) revert MedChainRecordsInvalidSupersedes(superseded, count);
            head = _nextHead(buffer, head, count, cid, superseded);
        }
        _heads[patient] = head;
        return count;
    }

    /**
     * @dev Allocates the 7-word preimage buffer of the head formula and writes the words that are the
     * same for every anchor of a call: scope (word 3), epoch (word 4), author (word 5).
     */
    function _headBuffer(uint8 scope, uint32 epoch, address author)
        private
        pure
        returns (uint256 buffer)
    {
        assembly ("memory-safe") {
            buffer := mload(0x40)
            mstore(0x40, add(buffer, 0xe0))
            mstore(add(buffer, 0x60), and(scope, 0xff))
            mstore(add(buffer, 0x80), and(epoch, 0xffffffff))
            mstore(add(buffer, 0xa0), and(author, 0xffffffffffffffffffffffffffffffffffffffff))
        }
    }

    /**
     * @dev head_n = keccak256(abi.encode(head, seq, keccak256(cid), scope, epoch, author, supersedes)),
     * with scope, epoch and author already in `buffer` (see {_headBuffer}). The CID is hashed in the
     * scratch memory past the free memory pointer.
     */
    function _nextHead(
        uint256 buffer,
        bytes32 head,
        uint64 seq,
        bytes calldata cid,
        uint64 supersedes
    ) private pure returns (bytes32 next) {
        assembly ("memory-safe") {
            let scratch := mload(0x40)
            calldatacopy(scratch, cid.offset, cid.length)
            mstore(add(buffer, 0x40), keccak256(scratch, cid.length))
            mstore(buffer, head)
            mstore(add(buffer, 0x20), and(seq, 0xffffffffffffffff))
            mstore(add(buffer, 0xc0), and(supersedes, 0xffffffffffffffff))
            next := keccak256(buffer, 0xe0)
        }
    }
}
