// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IMedChainConsent} from "../../src/interfaces/IMedChainConsent.sol";
import {IMedChainIdentity} from "../../src/interfaces/IMedChainIdentity.sol";
import {IMedChainRecords} from "../../src/interfaces/IMedChainRecords.sol";
import {MedChainTestBase} from "../utils/MedChainTestBase.sol";

contract MedChainRecordsTest is MedChainTestBase {
    bytes32 internal constant ROTATE_TYPEHASH = keccak256(
        "RotateScopeKey(address patient,uint8 scope,uint32 epoch,bytes envelopeCid,uint256 nonce,uint256 deadline)"
    );

    uint64 internal expiry;

    function setUp() public override {
        super.setUp();
        _registerPatient(patient);
        _registerPatient(patient2);
        _registerProvider(provider, true);
        _registerProvider(provider2, false);
        vm.prank(patient);
        medChain.setDelegate(delegate, IMedChainConsent.DelegateKind.Guardian, "");
        expiry = uint64(block.timestamp + 30 days);
    }

    function _anchor(address author, address p, uint8 scope, uint256 seed, uint64 supersedes)
        internal
        returns (uint64)
    {
        uint64 count = medChain.anchorCount(p);
        uint32 epoch = medChain.scopeEpoch(p, scope);
        vm.prank(author);
        return medChain.anchorRecord(p, count, scope, epoch, _cid(seed), supersedes);
    }

    function _cids(uint256 n, uint256 seed) internal pure returns (bytes[] memory cids) {
        cids = new bytes[](n);
        for (uint256 i = 0; i < n; ++i) {
            cids[i] = _cid(seed + i);
        }
    }

    // ------------------------------------------------------------------ anchorRecord

    function test_anchorRecord_byPatient() public {
        bytes memory cid = _cid(1);
        vm.expectEmit(true, true, true, true, address(medChain));
        emit IMedChainRecords.RecordAnchored(patient, LABS, patient, 1, 0, 0, cid);
        vm.prank(patient);
        uint64 seq = medChain.anchorRecord(patient, 0, LABS, 0, cid, 0);
        assertEq(seq, 1);
        assertEq(medChain.anchorCount(patient), 1);
        assertEq(
            medChain.anchorHead(patient), _nextHead(_genesis(patient), 1, cid, LABS, 0, patient, 0)
        );
        // Other patients are untouched.
        assertEq(medChain.anchorCount(patient2), 0);
        assertEq(medChain.anchorHead(patient2), _genesis(patient2));
    }

    function test_anchorRecord_byProviderWithWriteGrant() public {
        _grant(patient, provider, IMAGING, true, expiry);
        bytes memory cid = _cid(2);
        vm.expectEmit(true, true, true, true, address(medChain));
        emit IMedChainRecords.RecordAnchored(patient, IMAGING, provider, 1, 0, 0, cid);
        vm.prank(provider);
        medChain.anchorRecord(patient, 0, IMAGING, 0, cid, 0);
        assertEq(
            medChain.anchorHead(patient),
            _nextHead(_genesis(patient), 1, cid, IMAGING, 0, provider, 0)
        );
    }

    function test_anchorRecord_correctionSupersedes() public {
        _anchor(patient, patient, LABS, 1, 0);
        _anchor(patient, patient, LABS, 2, 0);
        bytes32 head = medChain.anchorHead(patient);
        vm.expectEmit(true, true, true, true, address(medChain));
        emit IMedChainRecords.RecordAnchored(patient, LABS, patient, 3, 0, 1, _cid(3));
        vm.prank(patient);
        medChain.anchorRecord(patient, 2, LABS, 0, _cid(3), 1);
        assertEq(medChain.anchorHead(patient), _nextHead(head, 3, _cid(3), LABS, 0, patient, 1));
        // Superseding the immediately previous anchor is fine too.
        _anchor(patient, patient, LABS, 4, 3);
        assertEq(medChain.anchorCount(patient), 4);
    }

    function test_anchorRecord_sameCidTwiceIsTwoAnchors() public {
        // Duplicates are not detected by CID (no per-CID storage); expectedCount guards retries instead.
        _anchor(patient, patient, LABS, 1, 0);
        _anchor(patient, patient, LABS, 1, 0);
        assertEq(medChain.anchorCount(patient), 2);
    }

    function test_anchorRecord_customScope() public {
        vm.prank(admin);
        medChain.addScope(UNKNOWN_SCOPE, "custom");
        _anchor(patient, patient, UNKNOWN_SCOPE, 1, 0);
        assertEq(medChain.anchorCount(patient), 1);
    }

    function test_anchorRecord_revertsOnZeroPatient() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IMedChainRecords.MedChainRecordsInvalidPatient.selector, address(0)
            )
        );
        vm.prank(patient);
        medChain.anchorRecord(address(0), 0, LABS, 0, _cid(1), 0);
    }

    function test_anchorRecord_revertsOnUnknownScope() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IMedChainRecords.MedChainRecordsUnknownScope.selector, UNKNOWN_SCOPE
            )
        );
        vm.prank(patient);
        medChain.anchorRecord(patient, 0, UNKNOWN_SCOPE, 0, _cid(1), 0);
    }

    function test_anchorRecord_revertsOnEmptyCid() public {
        vm.expectRevert(IMedChainRecords.MedChainRecordsEmptyCid.selector);
        vm.prank(patient);
        medChain.anchorRecord(patient, 0, LABS, 0, "", 0);
    }

    function test_anchorRecord_revertsOnNonPatient() public {
        vm.expectRevert(
            abi.encodeWithSelector(IMedChainIdentity.MedChainIdentityNotPatient.selector, provider)
        );
        vm.prank(provider);
        medChain.anchorRecord(provider, 0, LABS, 0, _cid(1), 0);
        vm.expectRevert(
            abi.encodeWithSelector(IMedChainIdentity.MedChainIdentityNotPatient.selector, stranger)
        );
        vm.prank(stranger);
        medChain.anchorRecord(stranger, 0, LABS, 0, _cid(1), 0);
    }

    function test_anchorRecord_revertsForUnverifiedAuthor() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IMedChainIdentity.MedChainIdentityUnverifiedProvider.selector, stranger
            )
        );
        vm.prank(stranger);
        medChain.anchorRecord(patient, 0, LABS, 0, _cid(1), 0);

        vm.expectRevert(
            abi.encodeWithSelector(
                IMedChainIdentity.MedChainIdentityUnverifiedProvider.selector, provider2
            )
        );
        vm.prank(provider2);
        medChain.anchorRecord(patient, 0, LABS, 0, _cid(1), 0);

        // A delegate manages consent but does not author records.
        vm.expectRevert(
            abi.encodeWithSelector(
                IMedChainIdentity.MedChainIdentityUnverifiedProvider.selector, delegate
            )
        );
        vm.prank(delegate);
        medChain.anchorRecord(patient, 0, LABS, 0, _cid(1), 0);
    }

    function test_anchorRecord_revertsForSuspendedWriter() public {
        _grant(patient, provider, LABS, true, expiry);
        vm.prank(admin);
        medChain.suspendProvider(provider, 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IMedChainIdentity.MedChainIdentityUnverifiedProvider.selector, provider
            )
        );
        vm.prank(provider);
        medChain.anchorRecord(patient, 0, LABS, 0, _cid(1), 0);
    }

    function test_anchorRecord_revertsWithoutWriteGrant() public {
        bytes memory err = abi.encodeWithSelector(
            IMedChainRecords.MedChainRecordsUnauthorizedAuthor.selector, provider, patient, LABS
        );
        // No grant at all.
        vm.expectRevert(err);
        vm.prank(provider);
        medChain.anchorRecord(patient, 0, LABS, 0, _cid(1), 0);

        // Read-only grant.
        _grant(patient, provider, LABS, false, expiry);
        vm.expectRevert(err);
        vm.prank(provider);
        medChain.anchorRecord(patient, 0, LABS, 0, _cid(1), 0);

        // Write grant for another scope.
        _grant(patient, provider, IMAGING, true, expiry);
        vm.expectRevert(err);
        vm.prank(provider);
        medChain.anchorRecord(patient, 0, LABS, 0, _cid(1), 0);

        // Emergency access is read-only.
        _enableEmergencyAccess(patient);
        vm.prank(provider);
        medChain.emergencyAccess(patient, _scopes(LABS), 1);
        vm.expectRevert(err);
        vm.prank(provider);
        medChain.anchorRecord(patient, 0, LABS, 0, _cid(1), 0);
    }

    function test_anchorRecord_revertsAfterWriteGrantExpiresOrIsRevoked() public {
        bytes memory err = abi.encodeWithSelector(
            IMedChainRecords.MedChainRecordsUnauthorizedAuthor.selector, provider, patient, LABS
        );
        _grant(patient, provider, LABS, true, expiry);
        vm.warp(expiry);
        vm.expectRevert(err);
        vm.prank(provider);
        medChain.anchorRecord(patient, 0, LABS, 0, _cid(1), 0);

        _grant(patient, provider, LABS, true, uint64(block.timestamp + 1 days));
        vm.prank(patient);
        medChain.revokeAccess(patient, provider, _scopes(LABS));
        vm.expectRevert(err);
        vm.prank(provider);
        medChain.anchorRecord(patient, 0, LABS, 0, _cid(1), 0);
    }

    function test_anchorRecord_revertsOnStaleHead() public {
        vm.prank(patient);
        medChain.anchorRecord(patient, 0, LABS, 0, _cid(1), 0);
        // The same transaction retried: it fails instead of anchoring twice.
        vm.expectRevert(
            abi.encodeWithSelector(
                IMedChainRecords.MedChainRecordsStaleHead.selector, uint64(0), uint64(1)
            )
        );
        vm.prank(patient);
        medChain.anchorRecord(patient, 0, LABS, 0, _cid(1), 0);
        // A writer from the future fails too.
        vm.expectRevert(
            abi.encodeWithSelector(
                IMedChainRecords.MedChainRecordsStaleHead.selector, uint64(5), uint64(1)
            )
        );
        vm.prank(patient);
        medChain.anchorRecord(patient, 5, LABS, 0, _cid(2), 0);
        assertEq(medChain.anchorCount(patient), 1);
    }

    function test_anchorRecord_revertsOnStaleEpoch() public {
        vm.prank(patient);
        medChain.rotateScopeKey(patient, LABS, 1, _cid(50));
        vm.expectRevert(
            abi.encodeWithSelector(
                IMedChainRecords.MedChainRecordsStaleEpoch.selector, LABS, uint32(0), uint32(1)
            )
        );
        vm.prank(patient);
        medChain.anchorRecord(patient, 0, LABS, 0, _cid(1), 0);
        vm.expectRevert(
            abi.encodeWithSelector(
                IMedChainRecords.MedChainRecordsStaleEpoch.selector, LABS, uint32(2), uint32(1)
            )
        );
        vm.prank(patient);
        medChain.anchorRecord(patient, 0, LABS, 2, _cid(1), 0);
        // The current epoch works; other scopes are still at epoch 0.
        vm.prank(patient);
        medChain.anchorRecord(patient, 0, LABS, 1, _cid(1), 0);
        vm.prank(patient);
        medChain.anchorRecord(patient, 1, IMAGING, 0, _cid(2), 0);
    }

    function test_anchorRecord_revertsOnInvalidSupersedes() public {
        // The first anchor can supersede nothing.
        vm.expectRevert(
            abi.encodeWithSelector(
                IMedChainRecords.MedChainRecordsInvalidSupersedes.selector, uint64(1), uint64(1)
            )
        );
        vm.prank(patient);
        medChain.anchorRecord(patient, 0, LABS, 0, _cid(1), 1);
        _anchor(patient, patient, LABS, 1, 0);
        vm.expectRevert(
            abi.encodeWithSelector(
                IMedChainRecords.MedChainRecordsInvalidSupersedes.selector, uint64(9), uint64(2)
            )
        );
        vm.prank(patient);
        medChain.anchorRecord(patient, 1, LABS, 0, _cid(2), 9);
    }

    function testFuzz_anchorRecord_headFollowsFormula(
        bytes calldata cid,
        uint8 scopeSeed,
        uint64 supersedesSeed,
        uint8 n
    ) public {
        vm.assume(cid.length != 0);
        uint8 scope = uint8(bound(scopeSeed, 1, 7));
        n = uint8(bound(n, 1, 8));
        bytes32 head = _genesis(patient);
        for (uint64 seq = 1; seq <= n; ++seq) {
            uint64 supersedes = uint64(bound(supersedesSeed, 0, seq - 1));
            vm.prank(patient);
            medChain.anchorRecord(patient, seq - 1, scope, 0, cid, supersedes);
            head = _nextHead(head, seq, cid, scope, 0, patient, supersedes);
            assertEq(medChain.anchorHead(patient), head);
        }
        assertEq(medChain.anchorCount(patient), n);
    }

    function testFuzz_anchorRecord_staleCount(uint64 expected, uint8 existing) public {
        existing = uint8(bound(existing, 0, 5));
        for (uint256 i = 0; i < existing; ++i) {
            _anchor(patient, patient, LABS, i, 0);
        }
        vm.assume(expected != existing);
        vm.expectRevert(
            abi.encodeWithSelector(
                IMedChainRecords.MedChainRecordsStaleHead.selector, expected, uint64(existing)
            )
        );
        vm.prank(patient);
        medChain.anchorRecord(patient, expected, LABS, 0, _cid(99), 0);
    }

    function testFuzz_anchorRecord_onlyPatientOrWriter(address author) public {
        vm.assume(author != patient && author != provider);
        _grant(patient, provider, LABS, true, expiry);
        vm.expectRevert(); // UnverifiedProvider: nobody else is a verified provider
        vm.prank(author);
        medChain.anchorRecord(patient, 0, LABS, 0, _cid(1), 0);
        assertEq(medChain.anchorCount(patient), 0);
    }

    // ------------------------------------------------------------------ anchorRecords

    function test_anchorRecords() public {
        _anchor(patient, patient, LABS, 1000, 0);
        bytes[] memory cids = _cids(5, 1);
        uint64[] memory none = new uint64[](0);
        vm.expectEmit(true, true, true, true, address(medChain));
        emit IMedChainRecords.RecordsAnchored(patient, LABS, patient, 2, 0, cids, none);
        vm.prank(patient);
        uint64 firstSeq = medChain.anchorRecords(patient, 1, LABS, 0, cids, none);
        assertEq(firstSeq, 2);
        assertEq(medChain.anchorCount(patient), 6);

        bytes32 head = _nextHead(_genesis(patient), 1, _cid(1000), LABS, 0, patient, 0);
        for (uint64 i = 0; i < 5; ++i) {
            head = _nextHead(head, 2 + i, cids[i], LABS, 0, patient, 0);
        }
        assertEq(medChain.anchorHead(patient), head);
    }

    function test_anchorRecords_withSupersedes() public {
        _anchor(patient, patient, LABS, 1, 0);
        bytes[] memory cids = _cids(3, 10);
        uint64[] memory supersedes = new uint64[](3);
        supersedes[0] = 1; // corrects the earlier anchor
        supersedes[2] = 3; // corrects the second anchor of this very batch
        vm.expectEmit(true, true, true, true, address(medChain));
        emit IMedChainRecords.RecordsAnchored(patient, LABS, patient, 2, 0, cids, supersedes);
        vm.prank(patient);
        medChain.anchorRecords(patient, 1, LABS, 0, cids, supersedes);
        bytes32 head = _nextHead(_genesis(patient), 1, _cid(1), LABS, 0, patient, 0);
        head = _nextHead(head, 2, cids[0], LABS, 0, patient, 1);
        head = _nextHead(head, 3, cids[1], LABS, 0, patient, 0);
        head = _nextHead(head, 4, cids[2], LABS, 0, patient, 3);
        assertEq(medChain.anchorHead(patient), head);
    }

    function test_anchorRecords_byProviderWithWriteGrant() public {
        _grant(patient, provider, DIAGNOSES, true, expiry);
        vm.prank(provider);
        medChain.anchorRecords(patient, 0, DIAGNOSES, 0, _cids(4, 1), new uint64[](0));
        assertEq(medChain.anchorCount(patient), 4);
    }

    function test_anchorRecords_matchesSingleAnchors() public {
        bytes[] memory cids = _cids(6, 7);
        vm.prank(patient);
        medChain.anchorRecords(patient, 0, LABS, 0, cids, new uint64[](0));
        for (uint64 i = 0; i < cids.length; ++i) {
            vm.prank(patient2);
            medChain.anchorRecord(patient2, i, LABS, 0, cids[i], 0);
        }
        // Same records, same order, different patients: heads differ only through head_0.
        bytes32 a = _genesis(patient);
        bytes32 b = _genesis(patient2);
        for (uint64 i = 0; i < cids.length; ++i) {
            a = _nextHead(a, i + 1, cids[i], LABS, 0, patient, 0);
            b = _nextHead(b, i + 1, cids[i], LABS, 0, patient2, 0);
        }
        assertEq(medChain.anchorHead(patient), a);
        assertEq(medChain.anchorHead(patient2), b);
    }

    function test_anchorRecords_revertsOnEmptyBatch() public {
        vm.expectRevert(IMedChainRecords.MedChainRecordsEmptyBatch.selector);
        vm.prank(patient);
        medChain.anchorRecords(patient, 0, LABS, 0, new bytes[](0), new uint64[](0));
    }

    function test_anchorRecords_revertsOnLengthMismatch() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IMedChainRecords.MedChainRecordsLengthMismatch.selector, uint256(3), uint256(2)
            )
        );
        vm.prank(patient);
        medChain.anchorRecords(patient, 0, LABS, 0, _cids(3, 1), new uint64[](2));
    }

    function test_anchorRecords_revertsOnEmptyCid() public {
        bytes[] memory cids = _cids(4, 1);
        cids[2] = "";
        vm.expectRevert(IMedChainRecords.MedChainRecordsEmptyCid.selector);
        vm.prank(patient);
        medChain.anchorRecords(patient, 0, LABS, 0, cids, new uint64[](0));
    }

    function test_anchorRecords_revertsOnInvalidSupersedes() public {
        uint64[] memory supersedes = new uint64[](2);
        supersedes[1] = 2; // record 2 cannot supersede itself
        vm.expectRevert(
            abi.encodeWithSelector(
                IMedChainRecords.MedChainRecordsInvalidSupersedes.selector, uint64(2), uint64(2)
            )
        );
        vm.prank(patient);
        medChain.anchorRecords(patient, 0, LABS, 0, _cids(2, 1), supersedes);
    }

    function test_anchorRecords_revertsOnStaleHead() public {
        vm.prank(patient);
        medChain.anchorRecords(patient, 0, LABS, 0, _cids(3, 1), new uint64[](0));
        vm.expectRevert(
            abi.encodeWithSelector(
                IMedChainRecords.MedChainRecordsStaleHead.selector, uint64(0), uint64(3)
            )
        );
        vm.prank(patient);
        medChain.anchorRecords(patient, 0, LABS, 0, _cids(3, 1), new uint64[](0));
    }

    function test_anchorRecords_revertsOnStaleEpoch() public {
        vm.prank(patient);
        medChain.rotateScopeKey(patient, LABS, 1, _cid(50));
        vm.expectRevert(
            abi.encodeWithSelector(
                IMedChainRecords.MedChainRecordsStaleEpoch.selector, LABS, uint32(0), uint32(1)
            )
        );
        vm.prank(patient);
        medChain.anchorRecords(patient, 0, LABS, 0, _cids(2, 1), new uint64[](0));
    }

    function test_anchorRecords_revertsOnInvalidInputs() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IMedChainRecords.MedChainRecordsInvalidPatient.selector, address(0)
            )
        );
        vm.prank(patient);
        medChain.anchorRecords(address(0), 0, LABS, 0, _cids(1, 1), new uint64[](0));

        vm.expectRevert(
            abi.encodeWithSelector(IMedChainRecords.MedChainRecordsUnknownScope.selector, uint8(0))
        );
        vm.prank(patient);
        medChain.anchorRecords(patient, 0, 0, 0, _cids(1, 1), new uint64[](0));

        vm.expectRevert(
            abi.encodeWithSelector(IMedChainIdentity.MedChainIdentityNotPatient.selector, provider)
        );
        vm.prank(provider);
        medChain.anchorRecords(provider, 0, LABS, 0, _cids(1, 1), new uint64[](0));
    }

    function test_anchorRecords_revertsWithoutWriteGrant() public {
        _grant(patient, provider, LABS, false, expiry);
        vm.expectRevert(
            abi.encodeWithSelector(
                IMedChainRecords.MedChainRecordsUnauthorizedAuthor.selector, provider, patient, LABS
            )
        );
        vm.prank(provider);
        medChain.anchorRecords(patient, 0, LABS, 0, _cids(2, 1), new uint64[](0));

        vm.expectRevert(
            abi.encodeWithSelector(
                IMedChainIdentity.MedChainIdentityUnverifiedProvider.selector, provider2
            )
        );
        vm.prank(provider2);
        medChain.anchorRecords(patient, 0, LABS, 0, _cids(2, 1), new uint64[](0));
    }

    function testFuzz_anchorRecords_headFollowsFormula(
        uint8 n,
        uint256 seed,
        uint8 existing,
        bool corrections
    ) public {
        n = uint8(bound(n, 1, 40));
        existing = uint8(bound(existing, 0, 3));
        seed = bound(seed, 0, type(uint128).max);
        bytes32 head = _genesis(patient);
        for (uint64 i = 1; i <= existing; ++i) {
            _anchor(patient, patient, PRESCRIPTIONS, seed + 1000 + i, 0);
            head = _nextHead(head, i, _cid(seed + 1000 + i), PRESCRIPTIONS, 0, patient, 0);
        }
        bytes[] memory cids = new bytes[](n);
        uint64[] memory supersedes = new uint64[](corrections ? n : 0);
        for (uint256 i = 0; i < n; ++i) {
            // CIDs of varying length, 1 to 100 bytes.
            cids[i] = abi.encodePacked(
                keccak256(abi.encode(seed, i)),
                keccak256(abi.encode(i, seed)),
                bytes32(seed),
                bytes4(0)
            );
            assembly ("memory-safe") {
                mstore(mload(add(add(cids, 0x20), mul(i, 0x20))), add(1, mod(add(seed, i), 100)))
            }
            if (corrections) {
                supersedes[i] =
                    uint64(uint256(keccak256(abi.encode("s", seed, i))) % (existing + i + 1));
            }
        }
        vm.prank(patient);
        medChain.anchorRecords(patient, existing, PRESCRIPTIONS, 0, cids, supersedes);
        for (uint64 i = 0; i < n; ++i) {
            head = _nextHead(
                head,
                existing + i + 1,
                cids[i],
                PRESCRIPTIONS,
                0,
                patient,
                corrections ? supersedes[i] : 0
            );
        }
        assertEq(medChain.anchorHead(patient), head);
        assertEq(medChain.anchorCount(patient), uint64(existing) + n);
    }

    // ------------------------------------------------------------------ rotateScopeKey

    function test_rotateScopeKey() public {
        vm.expectEmit(true, true, true, true, address(medChain));
        emit IMedChainRecords.ScopeKeyRotated(patient, LABS, 1, patient, _cid(50));
        vm.prank(patient);
        medChain.rotateScopeKey(patient, LABS, 1, _cid(50));
        assertEq(medChain.scopeEpoch(patient, LABS), 1);

        vm.expectEmit(true, true, true, true, address(medChain));
        emit IMedChainRecords.ScopeKeyRotated(patient, LABS, 2, delegate, _cid(51));
        vm.prank(delegate);
        medChain.rotateScopeKey(patient, LABS, 2, _cid(51));
        assertEq(medChain.scopeEpoch(patient, LABS), 2);
        assertEq(medChain.scopeEpoch(patient, IMAGING), 0);
        assertEq(medChain.scopeEpoch(patient2, LABS), 0);
    }

    function test_rotateScopeKey_packedEpochsAreIndependent() public {
        vm.startPrank(admin);
        medChain.addScope(0, "zero");
        medChain.addScope(8, "eight");
        medChain.addScope(255, "max");
        vm.stopPrank();
        uint8[6] memory scopes = [uint8(0), PROFILE, LABS, DOCUMENTS, 8, 255];
        vm.startPrank(patient);
        for (uint32 round = 1; round <= 3; ++round) {
            for (uint256 i = 0; i < scopes.length; ++i) {
                if (i % 2 == 1 && round == 3) continue;
                medChain.rotateScopeKey(patient, scopes[i], round, _cid(round * 10 + i));
            }
        }
        vm.stopPrank();
        for (uint256 i = 0; i < scopes.length; ++i) {
            assertEq(medChain.scopeEpoch(patient, scopes[i]), i % 2 == 1 ? 2 : 3);
        }
        assertEq(medChain.scopeEpoch(patient, DIAGNOSES), 0);
        assertEq(medChain.scopeEpoch(patient, 9), 0);
    }

    function test_rotateScopeKey_revertsOnZeroPatient() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IMedChainRecords.MedChainRecordsInvalidPatient.selector, address(0)
            )
        );
        vm.prank(patient);
        medChain.rotateScopeKey(address(0), LABS, 1, _cid(1));
    }

    function test_rotateScopeKey_revertsOnNonPatient() public {
        vm.expectRevert(
            abi.encodeWithSelector(IMedChainIdentity.MedChainIdentityNotPatient.selector, provider)
        );
        vm.prank(provider);
        medChain.rotateScopeKey(provider, LABS, 1, _cid(1));
    }

    function test_rotateScopeKey_revertsForUnauthorizedCaller() public {
        _grant(patient, provider, LABS, true, expiry);
        vm.expectRevert(
            abi.encodeWithSelector(
                IMedChainRecords.MedChainRecordsUnauthorizedAccount.selector, provider, patient
            )
        );
        vm.prank(provider);
        medChain.rotateScopeKey(patient, LABS, 1, _cid(1));
    }

    function test_rotateScopeKey_revertsOnUnknownScope() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IMedChainRecords.MedChainRecordsUnknownScope.selector, UNKNOWN_SCOPE
            )
        );
        vm.prank(patient);
        medChain.rotateScopeKey(patient, UNKNOWN_SCOPE, 1, _cid(1));
    }

    function test_rotateScopeKey_revertsOnEmptyCid() public {
        vm.expectRevert(IMedChainRecords.MedChainRecordsEmptyCid.selector);
        vm.prank(patient);
        medChain.rotateScopeKey(patient, LABS, 1, "");
    }

    function test_rotateScopeKey_revertsOnStaleEpoch() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IMedChainRecords.MedChainRecordsStaleEpoch.selector, LABS, uint32(0), uint32(0)
            )
        );
        vm.prank(patient);
        medChain.rotateScopeKey(patient, LABS, 0, _cid(1));
        vm.expectRevert(
            abi.encodeWithSelector(
                IMedChainRecords.MedChainRecordsStaleEpoch.selector, LABS, uint32(2), uint32(0)
            )
        );
        vm.prank(patient);
        medChain.rotateScopeKey(patient, LABS, 2, _cid(1));
        // Two devices racing on the same epoch: the second one fails.
        vm.prank(patient);
        medChain.rotateScopeKey(patient, LABS, 1, _cid(1));
        vm.expectRevert(
            abi.encodeWithSelector(
                IMedChainRecords.MedChainRecordsStaleEpoch.selector, LABS, uint32(1), uint32(1)
            )
        );
        vm.prank(delegate);
        medChain.rotateScopeKey(patient, LABS, 1, _cid(2));
    }

    function testFuzz_rotateScopeKey_epochsAreIndependent(uint8 a, uint8 b, uint8 rotationsA)
        public
    {
        vm.assume(a != b);
        vm.startPrank(admin);
        if (!medChain.isKnownScope(a)) medChain.addScope(a, "a");
        if (!medChain.isKnownScope(b)) medChain.addScope(b, "b");
        vm.stopPrank();
        rotationsA = uint8(bound(rotationsA, 1, 5));
        vm.startPrank(patient);
        for (uint32 i = 1; i <= rotationsA; ++i) {
            medChain.rotateScopeKey(patient, a, i, _cid(i));
        }
        medChain.rotateScopeKey(patient, b, 1, _cid(0));
        vm.stopPrank();
        assertEq(medChain.scopeEpoch(patient, a), rotationsA);
        assertEq(medChain.scopeEpoch(patient, b), 1);
    }

    // ------------------------------------------------------------------ rotateScopeKeyBySig

    function _rotation(uint32 epoch)
        internal
        view
        returns (IMedChainRecords.RotateScopeKey memory)
    {
        return IMedChainRecords.RotateScopeKey({
            patient: patient,
            scope: LABS,
            epoch: epoch,
            envelopeCid: _cid(epoch),
            nonce: medChain.nonces(patient),
            deadline: block.timestamp + 1 hours
        });
    }

    function _rotationHash(IMedChainRecords.RotateScopeKey memory r)
        internal
        pure
        returns (bytes32)
    {
        return keccak256(
            abi.encode(
                ROTATE_TYPEHASH,
                r.patient,
                r.scope,
                r.epoch,
                keccak256(r.envelopeCid),
                r.nonce,
                r.deadline
            )
        );
    }

    function test_rotateScopeKeyBySig() public {
        IMedChainRecords.RotateScopeKey memory r = _rotation(1);
        vm.expectEmit(true, true, true, true, address(medChain));
        emit IMedChainRecords.ScopeKeyRotated(patient, LABS, 1, delegate, r.envelopeCid);
        vm.prank(relayer);
        medChain.rotateScopeKeyBySig(r, delegate, _sign(delegateKey, _rotationHash(r)));
        assertEq(medChain.scopeEpoch(patient, LABS), 1);
        assertEq(medChain.nonces(patient), 1);
    }

    function test_rotateScopeKeyBySig_afterRevokeBySig() public {
        // The SDK's gasless revoke flow: revoke, then start a new epoch, both relayed.
        _grant(patient, provider, LABS, false, expiry);
        IMedChainConsent.Revoke memory rv = IMedChainConsent.Revoke({
            patient: patient,
            grantee: provider,
            scopes: _scopes(LABS),
            nonce: 0,
            deadline: block.timestamp + 1 hours
        });
        medChain.revokeAccessBySig(rv, patient, _sign(patientKey, _revokeStructHash(rv)));
        IMedChainRecords.RotateScopeKey memory r = _rotation(1);
        medChain.rotateScopeKeyBySig(r, patient, _sign(patientKey, _rotationHash(r)));
        assertEq(medChain.scopeEpoch(patient, LABS), 1);
        assertEq(medChain.nonces(patient), 2);
    }

    function test_rotateScopeKeyBySig_revertsOnExpiredSignature() public {
        IMedChainRecords.RotateScopeKey memory r = _rotation(1);
        r.deadline = block.timestamp - 1;
        bytes memory sig = _sign(patientKey, _rotationHash(r));
        vm.expectRevert(
            abi.encodeWithSelector(
                IMedChainIdentity.MedChainIdentityExpiredSignature.selector, r.deadline
            )
        );
        medChain.rotateScopeKeyBySig(r, patient, sig);
    }

    function test_rotateScopeKeyBySig_revertsOnReplay() public {
        IMedChainRecords.RotateScopeKey memory r = _rotation(1);
        bytes memory sig = _sign(patientKey, _rotationHash(r));
        medChain.rotateScopeKeyBySig(r, patient, sig);
        vm.expectRevert(
            abi.encodeWithSelector(
                IMedChainIdentity.MedChainIdentityInvalidNonce.selector, patient, uint256(1)
            )
        );
        medChain.rotateScopeKeyBySig(r, patient, sig);
    }

    function test_rotateScopeKeyBySig_revertsOnWrongChain() public {
        IMedChainRecords.RotateScopeKey memory r = _rotation(1);
        bytes memory sig = _sign(patientKey, _rotationHash(r));
        vm.chainId(100);
        vm.expectRevert(
            abi.encodeWithSelector(
                IMedChainIdentity.MedChainIdentityInvalidSignature.selector, patient
            )
        );
        medChain.rotateScopeKeyBySig(r, patient, sig);
    }

    function test_rotateScopeKeyBySig_revertsForUnauthorizedSigner() public {
        IMedChainRecords.RotateScopeKey memory r = _rotation(1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IMedChainRecords.MedChainRecordsUnauthorizedAccount.selector, stranger, patient
            )
        );
        medChain.rotateScopeKeyBySig(r, stranger, _sign(strangerKey, _rotationHash(r)));
    }

    function test_rotateScopeKeyBySig_revertsOnZeroPatient() public {
        IMedChainRecords.RotateScopeKey memory r = _rotation(1);
        r.patient = address(0);
        vm.expectRevert(
            abi.encodeWithSelector(
                IMedChainRecords.MedChainRecordsInvalidPatient.selector, address(0)
            )
        );
        medChain.rotateScopeKeyBySig(r, patient, _sign(patientKey, _rotationHash(r)));
    }

    function test_rotateScopeKeyBySig_revertsOnNonPatient() public {
        IMedChainRecords.RotateScopeKey memory r = _rotation(1);
        r.patient = stranger;
        vm.expectRevert(
            abi.encodeWithSelector(IMedChainIdentity.MedChainIdentityNotPatient.selector, stranger)
        );
        medChain.rotateScopeKeyBySig(r, stranger, _sign(strangerKey, _rotationHash(r)));
    }

    function test_rotateScopeKeyBySig_revertsOnStaleEpoch() public {
        IMedChainRecords.RotateScopeKey memory r = _rotation(3);
        vm.expectRevert(
            abi.encodeWithSelector(
                IMedChainRecords.MedChainRecordsStaleEpoch.selector, LABS, uint32(3), uint32(0)
            )
        );
        medChain.rotateScopeKeyBySig(r, patient, _sign(patientKey, _rotationHash(r)));
    }

    // ------------------------------------------------------------------ views

    function test_views() public view {
        assertEq(medChain.GENESIS_TAG(), keccak256("MedChain.anchorHead.v1"));
        assertEq(medChain.anchorHead(stranger), bytes32(0));
        assertEq(medChain.anchorCount(stranger), 0);
        assertEq(medChain.scopeEpoch(stranger, LABS), 0);
    }
}
