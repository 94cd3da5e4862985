// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {Test} from "forge-std/Test.sol";
import {MedChain} from "../../src/MedChain.sol";
import {IMedChainConsent} from "../../src/interfaces/IMedChainConsent.sol";
import {MedChainHandler} from "./handlers/MedChainHandler.sol";

/// @dev Invariants of MedChain under random sequences of actions by every kind of actor.
contract MedChainInvariantTest is Test {
    MedChain internal medChain;
    MedChainHandler internal handler;

    function setUp() public {
        vm.warp(1_750_000_000);
        address admin = makeAddr("admin");
        medChain = new MedChain(admin);
        handler = new MedChainHandler(medChain, admin);

        bytes4[] memory selectors = new bytes4[](18);
        selectors[0] = MedChainHandler.grant.selector;
        selectors[1] = MedChainHandler.grant.selector; // weight grants x2
        selectors[2] = MedChainHandler.grantBySig.selector;
        selectors[3] = MedChainHandler.revoke.selector;
        selectors[4] = MedChainHandler.revokeBySig.selector;
        selectors[5] = MedChainHandler.setDelegate.selector;
        selectors[6] = MedChainHandler.setEmergencyAccess.selector;
        selectors[7] = MedChainHandler.emergencyAccess.selector;
        selectors[8] = MedChainHandler.requestAccess.selector;
        selectors[9] = MedChainHandler.answerRequest.selector;
        selectors[10] = MedChainHandler.verifyProvider.selector;
        selectors[11] = MedChainHandler.suspendProvider.selector;
        selectors[12] = MedChainHandler.anchor.selector;
        selectors[13] = MedChainHandler.anchorBatch.selector;
        selectors[14] = MedChainHandler.rotateScopeKey.selector;
        selectors[15] = MedChainHandler.warp.selector;
        selectors[16] = MedChainHandler.warpToBoundary.selector;
        selectors[17] = MedChainHandler.releaseEmergencyKeys.selector;
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
        targetContract(address(handler));
    }

    /// @dev A revoked or expired grant never reports access; access is exactly what the model says.
    function invariant_revokedOrExpiredGrantNeverHasAccess() public view {
        assertEq(
            handler.accessViolations(), 0, "access views differed from the model after an action"
        );
        (address[] memory patients, address[] memory grantees,, uint8[3] memory scopes) =
            handler.pools();
        MedChainHandler.Ghost[] memory model = handler.ghosts();
        uint256 k;
        for (uint256 p = 0; p < patients.length; ++p) {
            for (uint256 g = 0; g < grantees.length; ++g) {
                bool active = handler.ghostActive(grantees[g]);
                for (uint256 s = 0; s < 3; ++s) {
                    MedChainHandler.Ghost memory m = model[k++];
                    bool live = block.timestamp < m.expiry || block.timestamp < m.emergencyUntil;
                    bool access = medChain.hasAccess(patients[p], grantees[g], scopes[s]);
                    if (!live) assertFalse(access, "revoked or expired grant reports access");
                    assertEq(access, active && live, "hasAccess differs from the model");
                    assertEq(
                        medChain.hasWriteAccess(patients[p], grantees[g], scopes[s]),
                        active && m.write && block.timestamp < m.expiry,
                        "hasWriteAccess differs from the model"
                    );
                }
            }
        }
    }

    /// @dev Only the patient or a delegate changes a patient's consent.
    function invariant_onlyPatientOrDelegateChangesConsent() public view {
        assertEq(handler.unauthorizedConsentChanges(), 0, "consent changed by a third party");
        // The stored consent is exactly what the authorised actions produced.
        (address[] memory patients, address[] memory grantees,, uint8[3] memory scopes) =
            handler.pools();
        MedChainHandler.Ghost[] memory model = handler.ghosts();
        uint256 k;
        for (uint256 p = 0; p < patients.length; ++p) {
            assertEq(
                medChain.emergencyAccessEnabled(patients[p]), handler.ghostEmergency(patients[p])
            );
            assertEq(medChain.nonces(patients[p]), handler.ghostNonce(patients[p]));
            for (uint256 g = 0; g < grantees.length; ++g) {
                for (uint256 s = 0; s < 3; ++s) {
                    MedChainHandler.Ghost memory m = model[k++];
                    IMedChainConsent.Permission memory stored =
                        medChain.permissionOf(patients[p], grantees[g], scopes[s]);
                    assertEq(stored.expiry, m.expiry, "stored expiry differs from the model");
                    assertEq(stored.write, m.write, "stored write flag differs from the model");
                    assertEq(
                        stored.emergencyUntil,
                        m.emergencyUntil,
                        "stored emergency differs from the model"
                    );
                }
            }
        }
    }

    /// @dev Anchors are append-only and the head always matches the sequence of anchors in the logs.
    function invariant_anchorsAppendOnlyAndHeadMatchesLogs() public view {
        assertEq(handler.logViolations(), 0, "anchor events out of sequence");
        (address[] memory patients,,, uint8[3] memory scopes) = handler.pools();
        for (uint256 p = 0; p < patients.length; ++p) {
            address patient = patients[p];
            assertEq(
                medChain.anchorCount(patient),
                handler.ghostCount(patient),
                "count differs from the logs"
            );
            assertEq(
                medChain.anchorHead(patient),
                handler.ghostHeadFromLogs(patient),
                "head differs from the logs"
            );
            for (uint256 s = 0; s < 3; ++s) {
                assertEq(
                    medChain.scopeEpoch(patient, scopes[s]), handler.ghostEpoch(patient, scopes[s])
                );
            }
        }
    }

    /// @dev An unverified (or suspended, or never registered) provider never holds access.
    function invariant_unverifiedProviderNeverHoldsAccess() public view {
        assertEq(handler.unverifiedGrantees(), 0, "access given to an unverified provider");
        (address[] memory patients,, address[] memory callers, uint8[3] memory scopes) =
            handler.pools();
        for (uint256 c = 0; c < callers.length; ++c) {
            address account = callers[c];
            assertEq(medChain.isActiveProvider(account), handler.ghostActive(account));
            if (medChain.isActiveProvider(account)) continue;
            for (uint256 p = 0; p < patients.length; ++p) {
                for (uint256 s = 0; s < 3; ++s) {
                    assertFalse(medChain.hasAccess(patients[p], account, scopes[s]));
                    assertFalse(medChain.hasWriteAccess(patients[p], account, scopes[s]));
                }
            }
        }
    }

    /// @dev Every action succeeded exactly when the model said it must (no spurious success or failure).
    function invariant_contractAgreesWithModel() public view {
        assertEq(handler.mispredictions(), 0, "the contract disagreed with the model");
        for (uint256 i = 0; i < handler.requestCount(); ++i) {
            uint256 id = handler.requestIds(i);
            address patient = handler.requestPatient(id);
            assertEq(medChain.pendingRequest(patient, id), handler.ghostRequest(patient, id));
        }
    }

    /// @dev The handler is not vacuous: each action can succeed and the model predicts it.
    function test_handlerExercisesEveryAction() public {
        // patient0 appoints delegate0, opts in to emergency access, grants provider0 write access to scope 5.
        handler.setDelegate(0, 0, true);
        handler.setEmergencyAccess(0, 0, true, 0); // callers[0] is patient0; custodian provider0
        handler.grant(0, 0, 0, 1, true, 30 days); // patient0 -> provider0, scope list [5]
        handler.grantBySig(7, 0, 1, 1, false, 30 days, false); // delegate0 signs for patient0 -> provider1
        handler.anchor(0, 0, 1, 1, 0, false); // patient0 authors
        handler.anchor(3 * 4 + 1, 0, 1, 2, 1, false); // callers[4] = provider1, read only: must fail
        handler.anchor(3 * 3 + 1, 0, 1, 3, 0, false); // callers[3] = provider0, with write access
        handler.anchorBatch(0, 0, 1, 4, true);
        handler.emergencyAccess(3, 0, 0); // provider0 breaks glass on scope 2
        handler.releaseEmergencyKeys(3, 0, 0, 0); // provider0, the custodian, releases to itself
        handler.requestAccess(4, 0, 0); // provider1 asks patient0
        handler.answerRequest(0, 0, false, 0); // patient0 denies
        handler.requestAccess(4, 0, 0);
        handler.answerRequest(7, 1, true, 0); // delegate0 grants it
        handler.rotateScopeKey(7, 0, 1); // delegate0 rotates scope 5
        handler.anchor(0, 0, 1, 4, 0, false); // the new epoch is used
        handler.revoke(0, 0, 0, 1); // patient0 revokes provider0 on scope 5
        handler.revokeBySig(0, 0, 1, 1); // patient0 signs the revocation of provider1 on scope 5
        handler.suspendProvider(0);
        handler.verifyProvider(0);
        handler.warp(2 days, 0, 0, 0);
        handler.warpToBoundary(0, 1, 1, false, false); // onto the end of provider1's grant on scope 5

        string[17] memory actions = [
            "setDelegate",
            "setEmergencyAccess",
            "releaseEmergencyKeys",
            "grant",
            "grantBySig",
            "anchor",
            "anchorBatch",
            "emergencyAccess",
            "requestAccess",
            "denyRequest",
            "grantRequest",
            "rotateScopeKey",
            "revoke",
            "revokeBySig",
            "suspendProvider",
            "verifyProvider",
            "anchor"
        ];
        for (uint256 i = 0; i < actions.length; ++i) {
            assertGt(handler.successes(actions[i]), 0, actions[i]);
        }
        assertEq(handler.failures("anchor"), 1); // the read-only provider
        assertEq(handler.mispredictions(), 0);
        assertEq(handler.accessViolations(), 0);
        assertEq(handler.logViolations(), 0);
        assertEq(medChain.anchorCount(handler.patients(0)), 7);
        assertEq(
            medChain.anchorHead(handler.patients(0)), handler.ghostHeadFromLogs(handler.patients(0))
        );
    }
}
