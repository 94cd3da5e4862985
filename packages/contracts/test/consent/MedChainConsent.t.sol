// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IMedChainConsent} from "../../src/interfaces/IMedChainConsent.sol";
import {IMedChainIdentity} from "../../src/interfaces/IMedChainIdentity.sol";
import {MedChainTestBase} from "../utils/MedChainTestBase.sol";

contract MedChainConsentTest is MedChainTestBase {
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

    function _unauthorized(address account, address p) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(
            IMedChainConsent.MedChainConsentUnauthorizedAccount.selector, account, p
        );
    }

    function _notPatient(address account) internal pure returns (bytes memory) {
        return
            abi.encodeWithSelector(IMedChainIdentity.MedChainIdentityNotPatient.selector, account);
    }

    function _unverified(address account) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(
            IMedChainIdentity.MedChainIdentityUnverifiedProvider.selector, account
        );
    }

    function _request(address p, uint8 scope) internal returns (uint256 id) {
        vm.prank(provider);
        id = medChain.requestAccess(p, _scopes(scope), 1, 7 days);
    }

    // ------------------------------------------------------------------ addScope

    function test_addScope() public {
        vm.expectEmit(true, true, true, true, address(medChain));
        emit IMedChainConsent.ScopeAdded(UNKNOWN_SCOPE, "vaccinations");
        vm.prank(admin);
        medChain.addScope(UNKNOWN_SCOPE, "vaccinations");
        assertTrue(medChain.isKnownScope(UNKNOWN_SCOPE));
        assertEq(medChain.knownScopes(), 0xfe | (uint256(1) << UNKNOWN_SCOPE));

        // A custom scope works like a seeded one.
        _grant(patient, provider, UNKNOWN_SCOPE, false, expiry);
        assertTrue(medChain.hasAccess(patient, provider, UNKNOWN_SCOPE));
    }

    function test_addScope_zeroAndMax() public {
        vm.startPrank(admin);
        medChain.addScope(0, "zero");
        medChain.addScope(255, "max");
        vm.stopPrank();
        assertTrue(medChain.isKnownScope(0));
        assertTrue(medChain.isKnownScope(255));
    }

    function test_addScope_revertsWhenKnown() public {
        vm.expectRevert(
            abi.encodeWithSelector(IMedChainConsent.MedChainConsentScopeAlreadyKnown.selector, LABS)
        );
        vm.prank(admin);
        medChain.addScope(LABS, "labs again");

        vm.prank(admin);
        medChain.addScope(UNKNOWN_SCOPE, "custom");
        vm.expectRevert(
            abi.encodeWithSelector(
                IMedChainConsent.MedChainConsentScopeAlreadyKnown.selector, UNKNOWN_SCOPE
            )
        );
        vm.prank(admin);
        medChain.addScope(UNKNOWN_SCOPE, "custom");
    }

    function test_addScope_revertsWithoutRole() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, stranger, bytes32(0)
            )
        );
        vm.prank(stranger);
        medChain.addScope(UNKNOWN_SCOPE, "x");
    }

    // ------------------------------------------------------------------ requestAccess / cancelRequest

    function test_requestAccess() public {
        uint8[] memory scopes = _scopes(LABS, IMAGING);
        vm.expectEmit(true, true, true, true, address(medChain));
        emit IMedChainConsent.AccessRequested(1, patient, provider, scopes, 7, 14 days);
        vm.prank(provider);
        uint256 id = medChain.requestAccess(patient, scopes, 7, 14 days);
        assertEq(id, 1);
        assertEq(medChain.requestCount(), 1);
        assertEq(medChain.pendingRequest(patient, 1), provider);
        assertEq(_request(patient2, LABS), 2);
        assertEq(medChain.pendingRequest(patient2, 2), provider);
        assertEq(medChain.pendingRequest(patient, 2), address(0));
    }

    function test_requestAccess_revertsForUnverifiedCaller() public {
        vm.expectRevert(_unverified(provider2));
        vm.prank(provider2);
        medChain.requestAccess(patient, _scopes(LABS), 1, 1 days);

        vm.expectRevert(_unverified(stranger));
        vm.prank(stranger);
        medChain.requestAccess(patient, _scopes(LABS), 1, 1 days);

        vm.expectRevert(_unverified(patient2));
        vm.prank(patient2);
        medChain.requestAccess(patient, _scopes(LABS), 1, 1 days);
    }

    function test_requestAccess_revertsForSuspendedCaller() public {
        vm.prank(admin);
        medChain.suspendProvider(provider, 1);
        vm.expectRevert(_unverified(provider));
        vm.prank(provider);
        medChain.requestAccess(patient, _scopes(LABS), 1, 1 days);
    }

    function test_requestAccess_revertsOnZeroPatient() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IMedChainConsent.MedChainConsentInvalidPatient.selector, address(0)
            )
        );
        vm.prank(provider);
        medChain.requestAccess(address(0), _scopes(LABS), 1, 1 days);
    }

    function test_requestAccess_revertsOnEmptyScopes() public {
        vm.expectRevert(IMedChainConsent.MedChainConsentEmptyScopes.selector);
        vm.prank(provider);
        medChain.requestAccess(patient, new uint8[](0), 1, 1 days);
    }

    function test_requestAccess_revertsOnUnknownScope() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IMedChainConsent.MedChainConsentUnknownScope.selector, UNKNOWN_SCOPE
            )
        );
        vm.prank(provider);
        medChain.requestAccess(patient, _scopes(LABS, UNKNOWN_SCOPE), 1, 1 days);
    }

    function test_requestAccess_revertsOnZeroDuration() public {
        vm.expectRevert(IMedChainConsent.MedChainConsentInvalidDuration.selector);
        vm.prank(provider);
        medChain.requestAccess(patient, _scopes(LABS), 1, 0);
    }

    function test_requestAccess_revertsOnNonPatient() public {
        vm.expectRevert(_notPatient(provider2));
        vm.prank(provider);
        medChain.requestAccess(provider2, _scopes(LABS), 1, 1 days);
    }

    function test_cancelRequest() public {
        uint256 id = _request(patient, LABS);
        vm.expectEmit(true, true, true, true, address(medChain));
        emit IMedChainConsent.AccessRequestCancelled(id, patient, provider);
        vm.prank(provider);
        medChain.cancelRequest(patient, id);
        assertEq(medChain.pendingRequest(patient, id), address(0));
    }

    function test_cancelRequest_revertsOnUnknownRequest() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IMedChainConsent.MedChainConsentUnknownRequest.selector, patient, uint256(9)
            )
        );
        vm.prank(provider);
        medChain.cancelRequest(patient, 9);

        uint256 id = _request(patient, LABS);
        vm.prank(provider);
        medChain.cancelRequest(patient, id);
        vm.expectRevert(
            abi.encodeWithSelector(
                IMedChainConsent.MedChainConsentUnknownRequest.selector, patient, id
            )
        );
        vm.prank(provider);
        medChain.cancelRequest(patient, id);
    }

    function test_cancelRequest_revertsForOtherAccount() public {
        uint256 id = _request(patient, LABS);
        vm.expectRevert(_unauthorized(patient, patient));
        vm.prank(patient);
        medChain.cancelRequest(patient, id);
    }

    // ------------------------------------------------------------------ grantAccess

    function test_grantAccess() public {
        vm.expectEmit(true, true, true, true, address(medChain));
        emit IMedChainConsent.AccessGranted(
            patient, provider, LABS, false, expiry, 0, patient, _cid(5)
        );
        vm.prank(patient);
        medChain.grantAccess(patient, provider, _scopes(LABS), false, expiry, _cid(5), 0);

        IMedChainConsent.Permission memory p = medChain.permissionOf(patient, provider, LABS);
        assertEq(p.expiry, expiry);
        assertFalse(p.write);
        assertEq(p.emergencyUntil, 0);
        assertTrue(medChain.hasAccess(patient, provider, LABS));
        assertFalse(medChain.hasWriteAccess(patient, provider, LABS));
        assertFalse(medChain.hasAccess(patient, provider, IMAGING));
        assertFalse(medChain.hasAccess(patient2, provider, LABS));
    }

    function test_grantAccess_manyScopesWithWrite() public {
        vm.expectEmit(true, true, true, true, address(medChain));
        emit IMedChainConsent.AccessGranted(
            patient, provider, LABS, true, expiry, 0, patient, _cid(5)
        );
        vm.expectEmit(true, true, true, true, address(medChain));
        emit IMedChainConsent.AccessGranted(
            patient, provider, IMAGING, true, expiry, 0, patient, _cid(5)
        );
        vm.prank(patient);
        medChain.grantAccess(patient, provider, _scopes(LABS, IMAGING), true, expiry, _cid(5), 0);
        assertTrue(medChain.hasWriteAccess(patient, provider, LABS));
        assertTrue(medChain.hasWriteAccess(patient, provider, IMAGING));
        assertTrue(medChain.hasAccess(patient, provider, IMAGING));
    }

    function test_grantAccess_byDelegate() public {
        vm.expectEmit(true, true, true, true, address(medChain));
        emit IMedChainConsent.AccessGranted(
            patient, provider, LABS, false, expiry, 0, delegate, _cid(5)
        );
        vm.prank(delegate);
        medChain.grantAccess(patient, provider, _scopes(LABS), false, expiry, _cid(5), 0);
        assertTrue(medChain.hasAccess(patient, provider, LABS));
    }

    function test_grantAccess_overwritesButKeepsEmergency() public {
        _enableEmergencyAccess(patient);
        vm.prank(provider);
        medChain.emergencyAccess(patient, _scopes(LABS), 9);
        uint64 until = uint64(block.timestamp) + 24 hours;

        _grant(patient, provider, LABS, true, expiry);
        _grant(patient, provider, LABS, false, uint64(block.timestamp + 1 hours)); // shorten + downgrade
        IMedChainConsent.Permission memory p = medChain.permissionOf(patient, provider, LABS);
        assertEq(p.expiry, uint64(block.timestamp + 1 hours));
        assertFalse(p.write);
        assertEq(p.emergencyUntil, until);
    }

    function test_grantAccess_answersRequest() public {
        uint256 id = _request(patient, LABS);
        vm.expectEmit(true, true, true, true, address(medChain));
        emit IMedChainConsent.AccessGranted(
            patient, provider, LABS, false, expiry, id, patient, _cid(5)
        );
        vm.prank(patient);
        medChain.grantAccess(patient, provider, _scopes(LABS), false, expiry, _cid(5), id);
        assertEq(medChain.pendingRequest(patient, id), address(0));
        assertTrue(medChain.hasAccess(patient, provider, LABS));
    }

    function test_grantAccess_revertsOnZeroPatient() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IMedChainConsent.MedChainConsentInvalidPatient.selector, address(0)
            )
        );
        vm.prank(patient);
        medChain.grantAccess(address(0), provider, _scopes(LABS), false, expiry, _cid(5), 0);
    }

    function test_grantAccess_revertsOnNonPatient() public {
        vm.expectRevert(_notPatient(provider));
        vm.prank(provider);
        medChain.grantAccess(provider, provider, _scopes(LABS), false, expiry, _cid(5), 0);

        vm.expectRevert(_notPatient(stranger));
        vm.prank(stranger);
        medChain.grantAccess(stranger, provider, _scopes(LABS), false, expiry, _cid(5), 0);
    }

    function test_grantAccess_revertsForUnauthorizedCaller() public {
        address[4] memory callers = [stranger, provider, patient2, relayer];
        for (uint256 i = 0; i < callers.length; ++i) {
            vm.expectRevert(_unauthorized(callers[i], patient));
            vm.prank(callers[i]);
            medChain.grantAccess(patient, provider, _scopes(LABS), false, expiry, _cid(5), 0);
        }
    }

    function test_grantAccess_revertsForRemovedDelegate() public {
        vm.prank(patient);
        medChain.setDelegate(delegate, IMedChainConsent.DelegateKind.None, "");
        vm.expectRevert(_unauthorized(delegate, patient));
        vm.prank(delegate);
        medChain.grantAccess(patient, provider, _scopes(LABS), false, expiry, _cid(5), 0);
    }

    function test_grantAccess_revertsOnZeroGrantee() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IMedChainConsent.MedChainConsentInvalidGrantee.selector, address(0)
            )
        );
        vm.prank(patient);
        medChain.grantAccess(patient, address(0), _scopes(LABS), false, expiry, _cid(5), 0);
    }

    function test_grantAccess_revertsOnEmptyScopes() public {
        vm.expectRevert(IMedChainConsent.MedChainConsentEmptyScopes.selector);
        vm.prank(patient);
        medChain.grantAccess(patient, provider, new uint8[](0), false, expiry, _cid(5), 0);
    }

    function test_grantAccess_revertsOnUnknownScope() public {
        vm.expectRevert(
            abi.encodeWithSelector(IMedChainConsent.MedChainConsentUnknownScope.selector, uint8(0))
        );
        vm.prank(patient);
        medChain.grantAccess(patient, provider, _scopes(LABS, 0), false, expiry, _cid(5), 0);
        // Nothing was written for the valid scope either.
        assertFalse(medChain.hasAccess(patient, provider, LABS));
    }

    function test_grantAccess_revertsOnExpiryInPast() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IMedChainConsent.MedChainConsentExpiryInPast.selector, uint64(block.timestamp)
            )
        );
        vm.prank(patient);
        medChain.grantAccess(
            patient, provider, _scopes(LABS), false, uint64(block.timestamp), _cid(5), 0
        );

        vm.expectRevert(
            abi.encodeWithSelector(IMedChainConsent.MedChainConsentExpiryInPast.selector, uint64(1))
        );
        vm.prank(patient);
        medChain.grantAccess(patient, provider, _scopes(LABS), false, 1, _cid(5), 0);
    }

    function test_grantAccess_revertsOnEmptyCid() public {
        vm.expectRevert(IMedChainConsent.MedChainConsentEmptyCid.selector);
        vm.prank(patient);
        medChain.grantAccess(patient, provider, _scopes(LABS), false, expiry, "", 0);
    }

    function test_grantAccess_revertsForUnverifiedGrantee() public {
        vm.expectRevert(_unverified(provider2));
        vm.prank(patient);
        medChain.grantAccess(patient, provider2, _scopes(LABS), false, expiry, _cid(5), 0);

        vm.expectRevert(_unverified(stranger));
        vm.prank(patient);
        medChain.grantAccess(patient, stranger, _scopes(LABS), false, expiry, _cid(5), 0);

        vm.expectRevert(_unverified(patient2));
        vm.prank(patient);
        medChain.grantAccess(patient, patient2, _scopes(LABS), false, expiry, _cid(5), 0);
    }

    function test_grantAccess_revertsForSuspendedGrantee() public {
        vm.prank(admin);
        medChain.suspendProvider(provider, 1);
        vm.expectRevert(_unverified(provider));
        vm.prank(patient);
        medChain.grantAccess(patient, provider, _scopes(LABS), false, expiry, _cid(5), 0);
    }

    function test_grantAccess_revertsOnUnknownRequest() public {
        // Never made.
        vm.expectRevert(
            abi.encodeWithSelector(
                IMedChainConsent.MedChainConsentUnknownRequest.selector, patient, uint256(5)
            )
        );
        vm.prank(patient);
        medChain.grantAccess(patient, provider, _scopes(LABS), false, expiry, _cid(5), 5);

        // Made by someone else than the grantee.
        address other = makeAddr("provider3");
        _registerProvider(other, true);
        uint256 id = _request(patient, LABS);
        vm.expectRevert(
            abi.encodeWithSelector(
                IMedChainConsent.MedChainConsentUnknownRequest.selector, patient, id
            )
        );
        vm.prank(patient);
        medChain.grantAccess(patient, other, _scopes(LABS), false, expiry, _cid(5), id);

        // Made to another patient.
        uint256 id2 = _request(patient2, LABS);
        vm.expectRevert(
            abi.encodeWithSelector(
                IMedChainConsent.MedChainConsentUnknownRequest.selector, patient, id2
            )
        );
        vm.prank(patient);
        medChain.grantAccess(patient, provider, _scopes(LABS), false, expiry, _cid(5), id2);

        // Already closed.
        vm.prank(patient);
        medChain.denyRequest(patient, id);
        vm.expectRevert(
            abi.encodeWithSelector(
                IMedChainConsent.MedChainConsentUnknownRequest.selector, patient, id
            )
        );
        vm.prank(patient);
        medChain.grantAccess(patient, provider, _scopes(LABS), false, expiry, _cid(5), id);
    }

    // ------------------------------------------------------------------ expiry and status

    function test_hasAccess_expiresByBlockTime() public {
        _grant(patient, provider, LABS, true, expiry);
        vm.warp(expiry - 1);
        assertTrue(medChain.hasAccess(patient, provider, LABS));
        assertTrue(medChain.hasWriteAccess(patient, provider, LABS));
        vm.warp(expiry);
        assertFalse(medChain.hasAccess(patient, provider, LABS));
        assertFalse(medChain.hasWriteAccess(patient, provider, LABS));
    }

    function test_hasAccess_suspensionCutsAccessAtOnce() public {
        _grant(patient, provider, LABS, true, expiry);
        vm.prank(admin);
        medChain.suspendProvider(provider, 1);
        assertFalse(medChain.hasAccess(patient, provider, LABS));
        assertFalse(medChain.hasWriteAccess(patient, provider, LABS));
        // The grant itself is untouched and counts again after reinstatement.
        assertEq(medChain.permissionOf(patient, provider, LABS).expiry, expiry);
        vm.prank(admin);
        medChain.verifyProvider(provider, CREDENTIAL);
        assertTrue(medChain.hasAccess(patient, provider, LABS));
    }

    function testFuzz_hasAccess_followsExpiry(uint64 duration, uint64 elapsed, bool write) public {
        duration = uint64(bound(duration, 1, 100 * 365 days));
        elapsed = uint64(bound(elapsed, 0, 200 * 365 days));
        uint64 end = uint64(block.timestamp) + duration;
        _grant(patient, provider, LABS, write, end);
        vm.warp(block.timestamp + elapsed);
        bool live = block.timestamp < end;
        assertEq(medChain.hasAccess(patient, provider, LABS), live);
        assertEq(medChain.hasWriteAccess(patient, provider, LABS), live && write);
    }

    function testFuzz_grantAccess_rejectsPastExpiry(uint64 past) public {
        past = uint64(bound(past, 0, block.timestamp));
        vm.expectRevert(
            abi.encodeWithSelector(IMedChainConsent.MedChainConsentExpiryInPast.selector, past)
        );
        vm.prank(patient);
        medChain.grantAccess(patient, provider, _scopes(LABS), false, past, _cid(5), 0);
    }

    function testFuzz_grantAccess_rejectsUnknownScopes(uint8 scope) public {
        vm.assume(scope == 0 || scope > DOCUMENTS);
        vm.expectRevert(
            abi.encodeWithSelector(IMedChainConsent.MedChainConsentUnknownScope.selector, scope)
        );
        vm.prank(patient);
        medChain.grantAccess(patient, provider, _scopes(scope), false, expiry, _cid(5), 0);
    }

    function testFuzz_grantAccess_onlyPatientOrDelegate(address caller) public {
        vm.assume(caller != patient && caller != delegate);
        vm.expectRevert(_unauthorized(caller, patient));
        vm.prank(caller);
        medChain.grantAccess(patient, provider, _scopes(LABS), false, expiry, _cid(5), 0);
    }

    function testFuzz_hasAccess_falseForAnyoneNotVerified(address grantee, uint8 scope)
        public
        view
    {
        vm.assume(grantee != provider);
        assertFalse(medChain.hasAccess(patient, grantee, scope));
        assertFalse(medChain.hasWriteAccess(patient, grantee, scope));
    }

    // ------------------------------------------------------------------ revokeAccess

    function test_revokeAccess() public {
        _grant(patient, provider, LABS, true, expiry);
        vm.expectEmit(true, true, true, true, address(medChain));
        emit IMedChainConsent.AccessRevoked(patient, provider, LABS, patient);
        vm.prank(patient);
        medChain.revokeAccess(patient, provider, _scopes(LABS));
        assertFalse(medChain.hasAccess(patient, provider, LABS));
        assertFalse(medChain.hasWriteAccess(patient, provider, LABS));
        IMedChainConsent.Permission memory p = medChain.permissionOf(patient, provider, LABS);
        assertEq(p.expiry, 0);
        assertFalse(p.write);
    }

    function test_revokeAccess_manyScopesByDelegate() public {
        vm.prank(patient);
        medChain.grantAccess(patient, provider, _scopes(LABS, IMAGING), false, expiry, _cid(5), 0);
        vm.expectEmit(true, true, true, true, address(medChain));
        emit IMedChainConsent.AccessRevoked(patient, provider, LABS, delegate);
        vm.expectEmit(true, true, true, true, address(medChain));
        emit IMedChainConsent.AccessRevoked(patient, provider, IMAGING, delegate);
        vm.prank(delegate);
        medChain.revokeAccess(patient, provider, _scopes(LABS, IMAGING));
        assertFalse(medChain.hasAccess(patient, provider, LABS));
        assertFalse(medChain.hasAccess(patient, provider, IMAGING));
    }

    function test_revokeAccess_clearsEmergencyAccess() public {
        _enableEmergencyAccess(patient);
        vm.prank(provider);
        medChain.emergencyAccess(patient, _scopes(LABS), 1);
        vm.prank(patient);
        medChain.revokeAccess(patient, provider, _scopes(LABS));
        assertFalse(medChain.hasAccess(patient, provider, LABS));
        assertEq(medChain.permissionOf(patient, provider, LABS).emergencyUntil, 0);
    }

    function test_revokeAccess_worksForSuspendedOrExpired() public {
        _grant(patient, provider, LABS, false, expiry);
        _grant(patient, provider, IMAGING, false, expiry);
        vm.prank(admin);
        medChain.suspendProvider(provider, 1);
        vm.prank(patient);
        medChain.revokeAccess(patient, provider, _scopes(LABS));
        vm.warp(expiry + 1);
        vm.prank(patient);
        medChain.revokeAccess(patient, provider, _scopes(IMAGING));
        vm.prank(admin);
        medChain.verifyProvider(provider, CREDENTIAL);
        assertFalse(medChain.hasAccess(patient, provider, LABS));
    }

    function test_revokeAccess_revertsOnZeroPatient() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IMedChainConsent.MedChainConsentInvalidPatient.selector, address(0)
            )
        );
        vm.prank(patient);
        medChain.revokeAccess(address(0), provider, _scopes(LABS));
    }

    function test_revokeAccess_revertsOnNonPatient() public {
        vm.expectRevert(_notPatient(stranger));
        vm.prank(stranger);
        medChain.revokeAccess(stranger, provider, _scopes(LABS));
    }

    function test_revokeAccess_revertsForUnauthorizedCaller() public {
        _grant(patient, provider, LABS, false, expiry);
        vm.expectRevert(_unauthorized(provider, patient));
        vm.prank(provider);
        medChain.revokeAccess(patient, provider, _scopes(LABS));
        vm.expectRevert(_unauthorized(stranger, patient));
        vm.prank(stranger);
        medChain.revokeAccess(patient, provider, _scopes(LABS));
    }

    function test_revokeAccess_revertsOnZeroGrantee() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IMedChainConsent.MedChainConsentInvalidGrantee.selector, address(0)
            )
        );
        vm.prank(patient);
        medChain.revokeAccess(patient, address(0), _scopes(LABS));
    }

    function test_revokeAccess_revertsOnEmptyScopes() public {
        vm.expectRevert(IMedChainConsent.MedChainConsentEmptyScopes.selector);
        vm.prank(patient);
        medChain.revokeAccess(patient, provider, new uint8[](0));
    }

    function test_revokeAccess_revertsWithoutPermission() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IMedChainConsent.MedChainConsentNoPermission.selector, patient, provider, LABS
            )
        );
        vm.prank(patient);
        medChain.revokeAccess(patient, provider, _scopes(LABS));

        // Revoking twice: the second one has nothing left to revoke.
        _grant(patient, provider, LABS, false, expiry);
        vm.prank(patient);
        medChain.revokeAccess(patient, provider, _scopes(LABS));
        vm.expectRevert(
            abi.encodeWithSelector(
                IMedChainConsent.MedChainConsentNoPermission.selector, patient, provider, LABS
            )
        );
        vm.prank(patient);
        medChain.revokeAccess(patient, provider, _scopes(LABS));
    }

    function testFuzz_revokeAccess_neverLeavesAccess(uint64 duration, uint64 elapsed, bool write)
        public
    {
        duration = uint64(bound(duration, 1, 10 * 365 days));
        elapsed = uint64(bound(elapsed, 0, 20 * 365 days));
        _grant(patient, provider, LABS, write, uint64(block.timestamp) + duration);
        vm.warp(block.timestamp + elapsed);
        vm.prank(patient);
        medChain.revokeAccess(patient, provider, _scopes(LABS));
        assertFalse(medChain.hasAccess(patient, provider, LABS));
        assertFalse(medChain.hasWriteAccess(patient, provider, LABS));
    }

    // ------------------------------------------------------------------ denyRequest

    function test_denyRequest() public {
        uint256 id = _request(patient, LABS);
        vm.expectEmit(true, true, true, true, address(medChain));
        emit IMedChainConsent.AccessDenied(id, patient, provider, patient);
        vm.prank(patient);
        medChain.denyRequest(patient, id);
        assertEq(medChain.pendingRequest(patient, id), address(0));
        assertFalse(medChain.hasAccess(patient, provider, LABS));
    }

    function test_denyRequest_byDelegate() public {
        uint256 id = _request(patient, LABS);
        vm.expectEmit(true, true, true, true, address(medChain));
        emit IMedChainConsent.AccessDenied(id, patient, provider, delegate);
        vm.prank(delegate);
        medChain.denyRequest(patient, id);
    }

    function test_denyRequest_revertsOnZeroPatient() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IMedChainConsent.MedChainConsentInvalidPatient.selector, address(0)
            )
        );
        vm.prank(patient);
        medChain.denyRequest(address(0), 1);
    }

    function test_denyRequest_revertsOnNonPatient() public {
        vm.expectRevert(_notPatient(provider));
        vm.prank(provider);
        medChain.denyRequest(provider, 1);
    }

    function test_denyRequest_revertsForUnauthorizedCaller() public {
        uint256 id = _request(patient, LABS);
        vm.expectRevert(_unauthorized(provider, patient));
        vm.prank(provider);
        medChain.denyRequest(patient, id);
    }

    function test_denyRequest_revertsOnUnknownRequest() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IMedChainConsent.MedChainConsentUnknownRequest.selector, patient, uint256(1)
            )
        );
        vm.prank(patient);
        medChain.denyRequest(patient, 1);

        uint256 id = _request(patient2, LABS);
        vm.expectRevert(
            abi.encodeWithSelector(
                IMedChainConsent.MedChainConsentUnknownRequest.selector, patient, id
            )
        );
        vm.prank(patient);
        medChain.denyRequest(patient, id);
    }

    // ------------------------------------------------------------------ delegates

    function test_setDelegate() public {
        address caregiver = makeAddr("caregiver");
        vm.expectEmit(true, true, true, true, address(medChain));
        emit IMedChainConsent.DelegateUpdated(
            patient, caregiver, IMedChainConsent.DelegateKind.Caregiver, _cid(77)
        );
        vm.prank(patient);
        medChain.setDelegate(caregiver, IMedChainConsent.DelegateKind.Caregiver, _cid(77));
        assertEq(
            uint8(medChain.delegateOf(patient, caregiver)),
            uint8(IMedChainConsent.DelegateKind.Caregiver)
        );
        assertEq(uint8(medChain.delegateOf(patient2, caregiver)), 0);

        vm.expectEmit(true, true, true, true, address(medChain));
        emit IMedChainConsent.DelegateUpdated(
            patient, caregiver, IMedChainConsent.DelegateKind.None, ""
        );
        vm.prank(patient);
        medChain.setDelegate(caregiver, IMedChainConsent.DelegateKind.None, "");
        assertEq(uint8(medChain.delegateOf(patient, caregiver)), 0);
    }

    function test_setDelegate_delegateCannotAppointDelegates() public {
        vm.expectRevert(_notPatient(delegate));
        vm.prank(delegate);
        medChain.setDelegate(stranger, IMedChainConsent.DelegateKind.Guardian, "");
    }

    function test_setDelegate_revertsOnNonPatient() public {
        vm.expectRevert(_notPatient(provider));
        vm.prank(provider);
        medChain.setDelegate(stranger, IMedChainConsent.DelegateKind.Guardian, "");
    }

    function test_setDelegate_revertsOnZeroOrSelf() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IMedChainConsent.MedChainConsentInvalidDelegate.selector, address(0)
            )
        );
        vm.prank(patient);
        medChain.setDelegate(address(0), IMedChainConsent.DelegateKind.Guardian, "");

        vm.expectRevert(
            abi.encodeWithSelector(
                IMedChainConsent.MedChainConsentInvalidDelegate.selector, patient
            )
        );
        vm.prank(patient);
        medChain.setDelegate(patient, IMedChainConsent.DelegateKind.Guardian, "");
    }

    // ------------------------------------------------------------------ emergency access

    function test_setEmergencyAccess() public {
        _registerProvider(custodian, true);
        vm.expectEmit(true, true, true, true, address(medChain));
        emit IMedChainConsent.EmergencyAccessUpdated(patient, custodian, true, patient, _cid(999));
        vm.prank(patient);
        medChain.setEmergencyAccess(patient, true, custodian, _cid(999));
        assertTrue(medChain.emergencyAccessEnabled(patient));
        assertEq(medChain.emergencyCustodianOf(patient), custodian);
        assertEq(medChain.emergencyCustodianOf(patient2), address(0));

        vm.expectEmit(true, true, true, true, address(medChain));
        emit IMedChainConsent.EmergencyAccessUpdated(patient, address(0), false, delegate, "");
        vm.prank(delegate);
        medChain.setEmergencyAccess(patient, false, address(0), "");
        assertFalse(medChain.emergencyAccessEnabled(patient));
        assertEq(medChain.emergencyCustodianOf(patient), address(0));
    }

    function test_setEmergencyAccess_revertsOnBadCustodian() public {
        bytes memory zero = abi.encodeWithSelector(
            IMedChainConsent.MedChainConsentInvalidCustodian.selector, address(0)
        );
        vm.expectRevert(zero);
        vm.prank(patient);
        medChain.setEmergencyAccess(patient, true, address(0), _cid(999));

        // The custodian must be a currently verified provider.
        vm.expectRevert(_unverified(provider2));
        vm.prank(patient);
        medChain.setEmergencyAccess(patient, true, provider2, _cid(999));
        vm.expectRevert(_unverified(stranger));
        vm.prank(patient);
        medChain.setEmergencyAccess(patient, true, stranger, _cid(999));

        vm.expectRevert(IMedChainConsent.MedChainConsentEmptyCid.selector);
        vm.prank(patient);
        medChain.setEmergencyAccess(patient, true, provider, "");

        // Turning it off names no custodian and no envelope.
        vm.expectRevert(
            abi.encodeWithSelector(
                IMedChainConsent.MedChainConsentInvalidCustodian.selector, provider
            )
        );
        vm.prank(patient);
        medChain.setEmergencyAccess(patient, false, provider, "");
        vm.expectRevert(zero);
        vm.prank(patient);
        medChain.setEmergencyAccess(patient, false, address(0), _cid(999));
    }

    function test_setEmergencyAccess_revertsOnZeroPatient() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IMedChainConsent.MedChainConsentInvalidPatient.selector, address(0)
            )
        );
        vm.prank(patient);
        medChain.setEmergencyAccess(address(0), true, custodian, _cid(999));
    }

    function test_setEmergencyAccess_revertsOnNonPatient() public {
        vm.expectRevert(_notPatient(provider));
        vm.prank(provider);
        medChain.setEmergencyAccess(provider, true, custodian, _cid(999));
    }

    function test_setEmergencyAccess_revertsForUnauthorizedCaller() public {
        vm.expectRevert(_unauthorized(provider, patient));
        vm.prank(provider);
        medChain.setEmergencyAccess(patient, true, custodian, _cid(999));
    }

    function test_emergencyAccess() public {
        _enableEmergencyAccess(patient);
        uint64 until = uint64(block.timestamp) + medChain.EMERGENCY_ACCESS_DURATION();
        assertEq(medChain.EMERGENCY_ACCESS_DURATION(), 24 hours);

        vm.expectEmit(true, true, true, true, address(medChain));
        emit IMedChainConsent.EmergencyAccessUsed(patient, provider, LABS, 911, until);
        vm.expectEmit(true, true, true, true, address(medChain));
        emit IMedChainConsent.EmergencyAccessUsed(patient, provider, IMAGING, 911, until);
        vm.prank(provider);
        medChain.emergencyAccess(patient, _scopes(LABS, IMAGING), 911);

        assertTrue(medChain.hasAccess(patient, provider, LABS));
        assertTrue(medChain.hasAccess(patient, provider, IMAGING));
        assertFalse(medChain.hasWriteAccess(patient, provider, LABS)); // read only
        assertEq(medChain.permissionOf(patient, provider, LABS).emergencyUntil, until);
        assertEq(medChain.permissionOf(patient, provider, LABS).expiry, 0);

        vm.warp(until - 1);
        assertTrue(medChain.hasAccess(patient, provider, LABS));
        vm.warp(until);
        assertFalse(medChain.hasAccess(patient, provider, LABS));
    }

    function test_emergencyAccess_doesNotTouchRegularGrant() public {
        _grant(patient, provider, LABS, true, expiry);
        _enableEmergencyAccess(patient);
        vm.prank(provider);
        medChain.emergencyAccess(patient, _scopes(LABS), 1);
        IMedChainConsent.Permission memory p = medChain.permissionOf(patient, provider, LABS);
        assertEq(p.expiry, expiry);
        assertTrue(p.write);
    }

    function test_emergencyAccess_outlivesOptOutUntilRevoked() public {
        _enableEmergencyAccess(patient);
        vm.prank(provider);
        medChain.emergencyAccess(patient, _scopes(LABS), 1);
        vm.prank(patient);
        medChain.setEmergencyAccess(patient, false, address(0), "");
        assertTrue(medChain.hasAccess(patient, provider, LABS));
        vm.prank(patient);
        medChain.revokeAccess(patient, provider, _scopes(LABS));
        assertFalse(medChain.hasAccess(patient, provider, LABS));
    }

    function test_emergencyAccess_revertsForUnverifiedCaller() public {
        _enableEmergencyAccess(patient);
        vm.expectRevert(_unverified(provider2));
        vm.prank(provider2);
        medChain.emergencyAccess(patient, _scopes(LABS), 1);
        vm.expectRevert(_unverified(stranger));
        vm.prank(stranger);
        medChain.emergencyAccess(patient, _scopes(LABS), 1);
    }

    function test_releaseEmergencyKeys() public {
        _enableEmergencyAccess(patient);
        vm.prank(provider);
        medChain.emergencyAccess(patient, _scopes(LABS, IMAGING), 911);

        vm.expectEmit(true, true, true, true, address(medChain));
        emit IMedChainConsent.EmergencyKeysReleased(
            patient, provider, custodian, _scopes(LABS, IMAGING), _cid(5)
        );
        vm.prank(custodian);
        medChain.releaseEmergencyKeys(patient, provider, _scopes(LABS, IMAGING), _cid(5));
    }

    function test_releaseEmergencyKeys_onlyByTheCustodian() public {
        _enableEmergencyAccess(patient);
        vm.prank(provider);
        medChain.emergencyAccess(patient, _scopes(LABS), 911);
        // Not the patient, a delegate or another provider: only the custodian holds the keys.
        address[3] memory others = [patient, delegate, provider];
        for (uint256 i = 0; i < others.length; ++i) {
            vm.expectRevert(_unauthorized(others[i], patient));
            vm.prank(others[i]);
            medChain.releaseEmergencyKeys(patient, provider, _scopes(LABS), _cid(5));
        }
        // The custodian of nobody: patient2 never turned break-glass access on.
        vm.expectRevert(_unauthorized(custodian, patient2));
        vm.prank(custodian);
        medChain.releaseEmergencyKeys(patient2, provider, _scopes(LABS), _cid(5));
        // A former custodian, once the patient turned it off.
        vm.prank(patient);
        medChain.setEmergencyAccess(patient, false, address(0), "");
        vm.expectRevert(_unauthorized(custodian, patient));
        vm.prank(custodian);
        medChain.releaseEmergencyKeys(patient, provider, _scopes(LABS), _cid(5));
    }

    function test_releaseEmergencyKeys_needsUnexpiredBreakGlassAccess() public {
        _enableEmergencyAccess(patient);
        bytes memory none = abi.encodeWithSelector(
            IMedChainConsent.MedChainConsentNoPermission.selector, patient, provider, LABS
        );
        // A regular grant is not break-glass access.
        _grant(patient, provider, LABS, false, expiry);
        vm.expectRevert(none);
        vm.prank(custodian);
        medChain.releaseEmergencyKeys(patient, provider, _scopes(LABS), _cid(5));

        vm.prank(provider);
        medChain.emergencyAccess(patient, _scopes(IMAGING), 911);
        // Every scope must be covered.
        vm.expectRevert(none);
        vm.prank(custodian);
        medChain.releaseEmergencyKeys(patient, provider, _scopes(IMAGING, LABS), _cid(5));

        vm.warp(block.timestamp + medChain.EMERGENCY_ACCESS_DURATION());
        vm.expectRevert(
            abi.encodeWithSelector(
                IMedChainConsent.MedChainConsentNoPermission.selector, patient, provider, IMAGING
            )
        );
        vm.prank(custodian);
        medChain.releaseEmergencyKeys(patient, provider, _scopes(IMAGING), _cid(5));
    }

    function test_releaseEmergencyKeys_revertsOnBadInput() public {
        _enableEmergencyAccess(patient);
        vm.prank(provider);
        medChain.emergencyAccess(patient, _scopes(LABS), 911);
        vm.expectRevert(IMedChainConsent.MedChainConsentEmptyScopes.selector);
        vm.prank(custodian);
        medChain.releaseEmergencyKeys(patient, provider, new uint8[](0), _cid(5));
        vm.expectRevert(IMedChainConsent.MedChainConsentEmptyCid.selector);
        vm.prank(custodian);
        medChain.releaseEmergencyKeys(patient, provider, _scopes(LABS), "");
        // A suspended provider, or a suspended custodian, gets nothing.
        vm.prank(admin);
        medChain.suspendProvider(provider, 1);
        vm.expectRevert(_unverified(provider));
        vm.prank(custodian);
        medChain.releaseEmergencyKeys(patient, provider, _scopes(LABS), _cid(5));
        vm.prank(admin);
        medChain.verifyProvider(provider, CREDENTIAL);
        vm.prank(admin);
        medChain.suspendProvider(custodian, 1);
        vm.expectRevert(_unverified(custodian));
        vm.prank(custodian);
        medChain.releaseEmergencyKeys(patient, provider, _scopes(LABS), _cid(5));
    }

    function test_emergencyAccess_revertsOnZeroPatient() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IMedChainConsent.MedChainConsentInvalidPatient.selector, address(0)
            )
        );
        vm.prank(provider);
        medChain.emergencyAccess(address(0), _scopes(LABS), 1);
    }

    function test_emergencyAccess_revertsOnEmptyScopes() public {
        vm.expectRevert(IMedChainConsent.MedChainConsentEmptyScopes.selector);
        vm.prank(provider);
        medChain.emergencyAccess(patient, new uint8[](0), 1);
    }

    function test_emergencyAccess_revertsOnUnknownScope() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IMedChainConsent.MedChainConsentUnknownScope.selector, UNKNOWN_SCOPE
            )
        );
        vm.prank(provider);
        medChain.emergencyAccess(patient, _scopes(UNKNOWN_SCOPE), 1);
    }

    function test_emergencyAccess_revertsOnZeroReason() public {
        vm.expectRevert(IMedChainConsent.MedChainConsentInvalidReasonCode.selector);
        vm.prank(provider);
        medChain.emergencyAccess(patient, _scopes(LABS), 0);
    }

    function test_emergencyAccess_revertsOnNonPatient() public {
        vm.expectRevert(_notPatient(stranger));
        vm.prank(provider);
        medChain.emergencyAccess(stranger, _scopes(LABS), 1);
    }

    function test_emergencyAccess_revertsWhenDisabled() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IMedChainConsent.MedChainConsentEmergencyAccessDisabled.selector, patient
            )
        );
        vm.prank(provider);
        medChain.emergencyAccess(patient, _scopes(LABS), 1);
    }

    // ------------------------------------------------------------------ incrementNonce

    function test_incrementNonce() public {
        vm.expectEmit(true, true, true, true, address(medChain));
        emit IMedChainConsent.NonceIncremented(patient, 1, patient);
        vm.prank(patient);
        medChain.incrementNonce(patient);
        vm.expectEmit(true, true, true, true, address(medChain));
        emit IMedChainConsent.NonceIncremented(patient, 2, delegate);
        vm.prank(delegate);
        medChain.incrementNonce(patient);
        assertEq(medChain.nonces(patient), 2);
    }

    function test_incrementNonce_revertsOnZeroPatient() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IMedChainConsent.MedChainConsentInvalidPatient.selector, address(0)
            )
        );
        medChain.incrementNonce(address(0));
    }

    function test_incrementNonce_revertsOnNonPatient() public {
        vm.expectRevert(_notPatient(provider));
        vm.prank(provider);
        medChain.incrementNonce(provider);
    }

    function test_incrementNonce_revertsForUnauthorizedCaller() public {
        vm.expectRevert(_unauthorized(stranger, patient));
        vm.prank(stranger);
        medChain.incrementNonce(patient);
    }
}
