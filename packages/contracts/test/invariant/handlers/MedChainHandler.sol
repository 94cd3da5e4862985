// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {CommonBase} from "forge-std/Base.sol";
import {StdCheats} from "forge-std/StdCheats.sol";
import {StdUtils} from "forge-std/StdUtils.sol";
import {Vm} from "forge-std/Vm.sol";
import {MedChain} from "../../../src/MedChain.sol";
import {IMedChainConsent} from "../../../src/interfaces/IMedChainConsent.sol";
import {IMedChainIdentity} from "../../../src/interfaces/IMedChainIdentity.sol";
import {IMedChainRecords} from "../../../src/interfaces/IMedChainRecords.sol";
import {MedChainSpec} from "../../utils/MedChainSpec.sol";

/**
 * @dev Drives MedChain with random actions by random actors (patients, delegates, providers in every
 * status, a stranger, the admin) and keeps an independent ghost model of what the contract should
 * hold. Every action predicts whether it must succeed; a success the model forbids (e.g. a consent
 * change by someone who is neither the patient nor a delegate) or a failure the model does not
 * explain is counted, and the invariants require both counts to stay zero.
 *
 * The anchor heads are rebuilt from the emitted events, as a client would, with the documented
 * formula ({MedChainSpec-nextHead}).
 */
contract MedChainHandler is CommonBase, StdCheats, StdUtils {
    struct Ghost {
        uint64 expiry;
        bool write;
        uint64 emergencyUntil;
    }

    MedChain public immutable medChain;
    address public immutable admin;

    address[] public patients;
    address[] public providers;
    address[] public delegates;
    address public stranger;
    address[] public callers; // everyone who may try to act
    address[] public grantees; // everyone who may be named as a grantee
    uint8[3] public scopes = [uint8(2), uint8(5), uint8(7)];
    mapping(address account => uint256) public keyOf;

    // ---- ghost model
    mapping(address patient => mapping(address grantee => mapping(uint8 scope => Ghost))) internal
        _ghost;
    mapping(address patient => mapping(address delegate => bool)) public ghostDelegate;
    mapping(address patient => bool) public ghostEmergency;
    mapping(address patient => address) public ghostCustodian;
    mapping(address provider => bool) public ghostActive;
    mapping(address patient => mapping(uint8 scope => uint32)) public ghostEpoch;
    mapping(address patient => uint64) public ghostNonce;
    mapping(address patient => uint64) public ghostCount;
    mapping(address patient => bytes32) public ghostHeadFromLogs;
    mapping(address patient => mapping(uint256 requestId => address)) public ghostRequest;
    uint256[] public requestIds;
    mapping(uint256 requestId => address) public requestPatient;

    // ---- violations (must stay zero)
    uint256 public unauthorizedConsentChanges; // consent changed by someone not the patient or a delegate
    uint256 public unverifiedGrantees; // access given to a provider that was not verified
    uint256 public mispredictions; // the contract disagreed with the model on success/failure
    uint256 public logViolations; // anchor events inconsistent with the sequence
    uint256 public accessViolations; // hasAccess / hasWriteAccess differed from the model right after an action

    // ---- coverage
    mapping(string action => uint256) public successes;
    mapping(string action => uint256) public failures;

    constructor(MedChain medChain_, address admin_) {
        medChain = medChain_;
        admin = admin_;
        for (uint256 i = 0; i < 3; ++i) {
            address p = _newAccount(string.concat("patient", vm.toString(i)));
            patients.push(p);
            vm.prank(p);
            medChain.register(
                IMedChainIdentity.Role.Patient, keccak256(abi.encode("key", p)), hex"0155"
            );
            ghostHeadFromLogs[p] = MedChainSpec.genesis(block.chainid, address(medChain), p);
        }
        for (uint256 i = 0; i < 4; ++i) {
            address pr = _newAccount(string.concat("provider", vm.toString(i)));
            providers.push(pr);
            vm.prank(pr);
            medChain.register(
                IMedChainIdentity.Role.Provider, keccak256(abi.encode("key", pr)), hex"0155"
            );
            if (i != 2) {
                vm.prank(admin);
                medChain.verifyProvider(pr, keccak256("licence"));
                ghostActive[pr] = true;
            }
        }
        for (uint256 i = 0; i < 2; ++i) {
            delegates.push(_newAccount(string.concat("delegate", vm.toString(i))));
        }
        stranger = _newAccount("stranger");

        for (uint256 i = 0; i < patients.length; ++i) {
            callers.push(patients[i]);
        }
        for (uint256 i = 0; i < providers.length; ++i) {
            callers.push(providers[i]);
            grantees.push(providers[i]);
        }
        callers.push(delegates[0]);
        callers.push(delegates[1]);
        callers.push(stranger);
        callers.push(admin);
        grantees.push(stranger);
        grantees.push(patients[0]);
    }

    function _newAccount(string memory name) private returns (address account) {
        uint256 key;
        (account, key) = makeAddrAndKey(name);
        keyOf[account] = key;
    }

    // ------------------------------------------------------------------ views for the invariants

    function patientCount() external view returns (uint256) {
        return patients.length;
    }

    function granteeCount() external view returns (uint256) {
        return grantees.length;
    }

    function callerCount() external view returns (uint256) {
        return callers.length;
    }

    function requestCount() external view returns (uint256) {
        return requestIds.length;
    }

    function ghost(address patient, address grantee, uint8 scope)
        external
        view
        returns (Ghost memory)
    {
        return _ghost[patient][grantee][scope];
    }

    /// @dev The actor pools in one call (keeps the invariant checks cheap).
    function pools()
        external
        view
        returns (
            address[] memory patients_,
            address[] memory grantees_,
            address[] memory callers_,
            uint8[3] memory scopes_
        )
    {
        return (patients, grantees, callers, scopes);
    }

    /// @dev The model of every (patient, grantee, scope) triple, flattened in that order.
    function ghosts() external view returns (Ghost[] memory all) {
        all = new Ghost[](patients.length * grantees.length * 3);
        uint256 k;
        for (uint256 p = 0; p < patients.length; ++p) {
            for (uint256 g = 0; g < grantees.length; ++g) {
                for (uint256 s = 0; s < 3; ++s) {
                    all[k++] = _ghost[patients[p]][grantees[g]][scopes[s]];
                }
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    function _authorized(address actor, address patient) private view returns (bool) {
        return actor == patient || ghostDelegate[patient][actor];
    }

    function _pick(address[] storage pool, uint256 seed) private view returns (address) {
        return pool[seed % pool.length];
    }

    function _scopeList(uint256 seed) private view returns (uint8[] memory list) {
        uint8 first = scopes[seed % 3];
        uint8 second = scopes[(seed / 3) % 3];
        if ((seed / 9) % 2 == 0 || first == second) {
            list = new uint8[](1);
            list[0] = first;
        } else {
            list = new uint8[](2);
            list[0] = first;
            list[1] = second;
        }
    }

    function _record(string memory action, bool ok, bool expected) private {
        if (ok != expected) ++mispredictions;
        if (ok) ++successes[action];
        else ++failures[action];
    }

    function _sign(address signer, bytes32 structHash) private view returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(
            keyOf[signer], MedChainSpec.digest(block.chainid, address(medChain), structHash)
        );
        return abi.encodePacked(r, s, v);
    }

    function _applyGrant(
        address actor,
        address patient,
        address grantee,
        uint8[] memory list,
        bool write,
        uint64 expiry
    ) private {
        if (!_authorized(actor, patient)) ++unauthorizedConsentChanges;
        if (!ghostActive[grantee]) ++unverifiedGrantees;
        for (uint256 i = 0; i < list.length; ++i) {
            Ghost storage g = _ghost[patient][grantee][list[i]];
            g.expiry = expiry;
            g.write = write;
        }
    }

    /// @dev Checks the access views of the touched triples against the model, right after an action.
    function _checkAccess(address patient, address grantee, uint8[] memory list) private {
        bool active = ghostActive[grantee];
        for (uint256 i = 0; i < list.length; ++i) {
            Ghost storage g = _ghost[patient][grantee][list[i]];
            bool live = block.timestamp < g.expiry || block.timestamp < g.emergencyUntil;
            if (medChain.hasAccess(patient, grantee, list[i]) != (active && live)) {
                ++accessViolations;
            }
            bool writable = active && g.write && block.timestamp < g.expiry;
            if (medChain.hasWriteAccess(patient, grantee, list[i]) != writable) ++accessViolations;
        }
    }

    function _canRevoke(address patient, address grantee, uint8[] memory list)
        private
        view
        returns (bool)
    {
        for (uint256 i = 0; i < list.length; ++i) {
            Ghost storage g = _ghost[patient][grantee][list[i]];
            if (g.expiry == 0 && g.emergencyUntil == 0) return false;
            // A duplicate scope in the list would find its slot already cleared.
            for (uint256 j = 0; j < i; ++j) {
                if (list[j] == list[i]) return false;
            }
        }
        return true;
    }

    function _applyRevoke(address actor, address patient, address grantee, uint8[] memory list)
        private
    {
        if (!_authorized(actor, patient)) ++unauthorizedConsentChanges;
        for (uint256 i = 0; i < list.length; ++i) {
            delete _ghost[patient][grantee][list[i]];
        }
    }

    // ------------------------------------------------------------------ consent actions

    function grant(
        uint256 actorSeed,
        uint256 patientSeed,
        uint256 granteeSeed,
        uint256 scopeSeed,
        bool write,
        uint256 duration
    ) external {
        address actor = _pick(callers, actorSeed);
        address patient = _pick(patients, patientSeed);
        address grantee = _pick(grantees, granteeSeed);
        uint8[] memory list = _scopeList(scopeSeed);
        uint64 expiry = uint64(block.timestamp + bound(duration, 1, 60 days));
        bool expected = _authorized(actor, patient) && ghostActive[grantee];

        vm.prank(actor);
        try medChain.grantAccess(patient, grantee, list, write, expiry, hex"0155aa", 0) {
            _record("grant", true, expected);
            _applyGrant(actor, patient, grantee, list, write, expiry);
        } catch {
            _record("grant", false, expected);
        }
        _checkAccess(patient, grantee, list);
    }

    function grantBySig(
        uint256 signerSeed,
        uint256 patientSeed,
        uint256 granteeSeed,
        uint256 scopeSeed,
        bool write,
        uint256 duration,
        bool replay
    ) external {
        address signer = _pick(callers, signerSeed);
        if (signer == admin) signer = stranger; // the admin has no key here
        address patient = _pick(patients, patientSeed);
        address grantee = _pick(grantees, granteeSeed);
        uint64 nonce = ghostNonce[patient];
        if (replay && nonce == 0) replay = false;
        IMedChainConsent.Grant memory g = IMedChainConsent.Grant({
            patient: patient,
            grantee: grantee,
            scopes: _scopeList(scopeSeed),
            write: write,
            expiry: uint64(block.timestamp + bound(duration, 1, 60 days)),
            envelopeCid: hex"0155bb",
            requestId: 0,
            nonce: replay ? nonce - 1 : nonce,
            deadline: block.timestamp + 1 hours
        });
        bytes memory sig = _sign(signer, MedChainSpec.grantHash(g));
        bool expected = !replay && _authorized(signer, patient) && ghostActive[grantee];

        vm.prank(stranger); // any relayer
        try medChain.grantAccessBySig(g, signer, sig) {
            _record("grantBySig", true, expected);
            _applyGrant(signer, patient, grantee, g.scopes, write, g.expiry);
            ++ghostNonce[patient];
        } catch {
            _record("grantBySig", false, expected);
        }
        _checkAccess(patient, grantee, g.scopes);
    }

    function revoke(uint256 actorSeed, uint256 patientSeed, uint256 granteeSeed, uint256 scopeSeed)
        external
    {
        address actor = _pick(callers, actorSeed);
        address patient = _pick(patients, patientSeed);
        address grantee = _pick(grantees, granteeSeed);
        uint8[] memory list = _scopeList(scopeSeed);
        bool expected = _authorized(actor, patient) && _canRevoke(patient, grantee, list);

        vm.prank(actor);
        try medChain.revokeAccess(patient, grantee, list) {
            _record("revoke", true, expected);
            _applyRevoke(actor, patient, grantee, list);
        } catch {
            _record("revoke", false, expected);
        }
        _checkAccess(patient, grantee, list);
    }

    function revokeBySig(
        uint256 signerSeed,
        uint256 patientSeed,
        uint256 granteeSeed,
        uint256 scopeSeed
    ) external {
        address signer = _pick(callers, signerSeed);
        if (signer == admin) signer = stranger;
        address patient = _pick(patients, patientSeed);
        address grantee = _pick(grantees, granteeSeed);
        IMedChainConsent.Revoke memory r = IMedChainConsent.Revoke({
            patient: patient,
            grantee: grantee,
            scopes: _scopeList(scopeSeed),
            nonce: ghostNonce[patient],
            deadline: block.timestamp
        });
        bytes memory sig = _sign(signer, MedChainSpec.revokeHash(r));
        bool expected = _authorized(signer, patient) && _canRevoke(patient, grantee, r.scopes);

        try medChain.revokeAccessBySig(r, signer, sig) {
            _record("revokeBySig", true, expected);
            _applyRevoke(signer, patient, grantee, r.scopes);
            ++ghostNonce[patient];
        } catch {
            _record("revokeBySig", false, expected);
        }
        _checkAccess(patient, grantee, r.scopes);
    }

    function setDelegate(uint256 patientSeed, uint256 delegateSeed, bool appoint) external {
        address patient = _pick(patients, patientSeed);
        address delegate = _pick(delegates, delegateSeed);
        vm.prank(patient);
        medChain.setDelegate(
            delegate,
            appoint ? IMedChainConsent.DelegateKind.Guardian : IMedChainConsent.DelegateKind.None,
            appoint ? bytes(hex"0155dd") : bytes("")
        );
        ghostDelegate[patient][delegate] = appoint;
        ++successes["setDelegate"];
    }

    /// @dev Enabling names a provider as the emergency custodian; it must be verified.
    function setEmergencyAccess(
        uint256 actorSeed,
        uint256 patientSeed,
        bool enabled,
        uint256 custodianSeed
    ) external {
        address actor = _pick(callers, actorSeed);
        address patient = _pick(patients, patientSeed);
        address custodian = enabled ? _pick(providers, custodianSeed) : address(0);
        bool expected = _authorized(actor, patient) && (!enabled || ghostActive[custodian]);
        vm.prank(actor);
        try medChain.setEmergencyAccess(
            patient, enabled, custodian, enabled ? bytes(hex"0155ee") : bytes("")
        ) {
            _record("setEmergencyAccess", true, expected);
            if (!_authorized(actor, patient)) ++unauthorizedConsentChanges;
            ghostEmergency[patient] = enabled;
            ghostCustodian[patient] = custodian;
        } catch {
            _record("setEmergencyAccess", false, expected);
        }
    }

    function emergencyAccess(uint256 providerSeed, uint256 patientSeed, uint256 scopeSeed)
        external
    {
        address caller = _pick(callers, providerSeed);
        address patient = _pick(patients, patientSeed);
        uint8[] memory list = _scopeList(scopeSeed);
        bool expected = ghostActive[caller] && ghostEmergency[patient];
        vm.prank(caller);
        try medChain.emergencyAccess(patient, list, 1) {
            _record("emergencyAccess", true, expected);
            if (!ghostActive[caller]) ++unverifiedGrantees;
            for (uint256 i = 0; i < list.length; ++i) {
                _ghost[patient][caller][list[i]].emergencyUntil = uint64(block.timestamp + 24 hours);
            }
        } catch {
            _record("emergencyAccess", false, expected);
        }
        _checkAccess(patient, caller, list);
    }

    /// @dev Only the patient's custodian, both verified, for scopes under unexpired break-glass access.
    function releaseEmergencyKeys(
        uint256 callerSeed,
        uint256 providerSeed,
        uint256 patientSeed,
        uint256 scopeSeed
    ) external {
        address caller = _pick(callers, callerSeed);
        address provider = _pick(providers, providerSeed);
        address patient = _pick(patients, patientSeed);
        uint8[] memory list = _scopeList(scopeSeed);
        bool expected = caller == ghostCustodian[patient] && ghostActive[caller]
            && ghostActive[provider];
        for (uint256 i = 0; i < list.length; ++i) {
            if (_ghost[patient][provider][list[i]].emergencyUntil <= block.timestamp) {
                expected = false;
            }
        }
        vm.prank(caller);
        try medChain.releaseEmergencyKeys(patient, provider, list, hex"0155ff") {
            _record("releaseEmergencyKeys", true, expected);
        } catch {
            _record("releaseEmergencyKeys", false, expected);
        }
    }

    function requestAccess(uint256 providerSeed, uint256 patientSeed, uint256 scopeSeed) external {
        address caller = _pick(callers, providerSeed);
        address patient = _pick(patients, patientSeed);
        bool expected = ghostActive[caller];
        vm.prank(caller);
        try medChain.requestAccess(patient, _scopeList(scopeSeed), 1, 1 days) returns (uint256 id) {
            _record("requestAccess", true, expected);
            ghostRequest[patient][id] = caller;
            requestIds.push(id);
            requestPatient[id] = patient;
        } catch {
            _record("requestAccess", false, expected);
        }
    }

    function answerRequest(uint256 actorSeed, uint256 requestSeed, bool approve, uint256 scopeSeed)
        external
    {
        if (requestIds.length == 0) return;
        uint256 id = requestIds[requestSeed % requestIds.length];
        address patient = requestPatient[id];
        address provider = ghostRequest[patient][id];
        address actor = _pick(callers, actorSeed);
        bool open = provider != address(0);
        if (approve) {
            uint8[] memory list = _scopeList(scopeSeed);
            uint64 expiry = uint64(block.timestamp + 7 days);
            bool expected = open && _authorized(actor, patient) && ghostActive[provider];
            vm.prank(actor);
            try medChain.grantAccess(patient, provider, list, false, expiry, hex"0155cc", id) {
                _record("grantRequest", true, expected);
                _applyGrant(actor, patient, provider, list, false, expiry);
                delete ghostRequest[patient][id];
            } catch {
                _record("grantRequest", false, expected);
            }
        } else {
            bool expected = open && _authorized(actor, patient);
            vm.prank(actor);
            try medChain.denyRequest(patient, id) {
                _record("denyRequest", true, expected);
                if (!_authorized(actor, patient)) ++unauthorizedConsentChanges;
                delete ghostRequest[patient][id];
            } catch {
                _record("denyRequest", false, expected);
            }
        }
    }

    // ------------------------------------------------------------------ identity actions

    function verifyProvider(uint256 providerSeed) external {
        address provider = _pick(providers, providerSeed);
        vm.prank(admin);
        medChain.verifyProvider(provider, keccak256("licence"));
        ghostActive[provider] = true;
        ++successes["verifyProvider"];
    }

    function suspendProvider(uint256 providerSeed) external {
        address provider = _pick(providers, providerSeed);
        bool expected = ghostActive[provider];
        vm.prank(admin);
        try medChain.suspendProvider(provider, 1) {
            _record("suspendProvider", true, expected);
            ghostActive[provider] = false;
        } catch {
            _record("suspendProvider", false, expected);
        }
    }

    // ------------------------------------------------------------------ records actions

    function anchor(
        uint256 authorSeed,
        uint256 patientSeed,
        uint256 scopeSeed,
        uint256 cidSeed,
        uint256 supersedesSeed,
        bool stale
    ) external {
        address patient = _pick(patients, patientSeed);
        // Mostly the patient or a provider, sometimes anyone.
        address author = authorSeed % 3 == 0 ? patient : _pick(callers, authorSeed / 3);
        uint8 scope = scopes[scopeSeed % 3];
        uint64 count = ghostCount[patient];
        uint64 expectedCount = stale && count > 0 ? count - 1 : count;
        uint64 supersedes = uint64(bound(supersedesSeed, 0, count + 1)); // count + 1 is invalid
        bytes memory cid = abi.encodePacked(hex"01551220", keccak256(abi.encode(cidSeed)));
        bool expected =
            !(stale && count > 0) && supersedes <= count && _mayWrite(author, patient, scope);

        vm.recordLogs();
        vm.prank(author);
        try medChain.anchorRecord(
            patient, expectedCount, scope, ghostEpoch[patient][scope], cid, supersedes
        ) {
            _record("anchor", true, expected);
            _foldLogs(patient);
        } catch {
            _record("anchor", false, expected);
        }
    }

    function anchorBatch(
        uint256 authorSeed,
        uint256 patientSeed,
        uint256 scopeSeed,
        uint256 n,
        bool corrections
    ) external {
        address patient = _pick(patients, patientSeed);
        address author = authorSeed % 2 == 0 ? patient : _pick(providers, authorSeed / 2);
        uint8 scope = scopes[scopeSeed % 3];
        n = bound(n, 1, 6);
        uint64 count = ghostCount[patient];
        bytes[] memory cids = new bytes[](n);
        uint64[] memory supersedes = new uint64[](corrections ? n : 0);
        for (uint256 i = 0; i < n; ++i) {
            cids[i] = abi.encodePacked(hex"01551220", keccak256(abi.encode(authorSeed, n, i)));
            if (corrections) {
                supersedes[i] =
                    uint64(uint256(keccak256(abi.encode(i, scopeSeed))) % (count + i + 1));
            }
        }
        bool expected = _mayWrite(author, patient, scope);

        vm.recordLogs();
        vm.prank(author);
        try medChain.anchorRecords(
            patient, count, scope, ghostEpoch[patient][scope], cids, supersedes
        ) {
            _record("anchorBatch", true, expected);
            _foldLogs(patient);
        } catch {
            _record("anchorBatch", false, expected);
        }
    }

    function rotateScopeKey(uint256 actorSeed, uint256 patientSeed, uint256 scopeSeed) external {
        address actor = _pick(callers, actorSeed);
        address patient = _pick(patients, patientSeed);
        uint8 scope = scopes[scopeSeed % 3];
        uint32 next = ghostEpoch[patient][scope] + 1;
        bool expected = _authorized(actor, patient);
        vm.prank(actor);
        try medChain.rotateScopeKey(patient, scope, next, hex"0155dd") {
            _record("rotateScopeKey", true, expected);
            ghostEpoch[patient][scope] = next;
        } catch {
            _record("rotateScopeKey", false, expected);
        }
    }

    function warp(uint256 seconds_, uint256 patientSeed, uint256 granteeSeed, uint256 scopeSeed)
        external
    {
        vm.warp(block.timestamp + bound(seconds_, 0, 10 days));
        _checkAccess(
            _pick(patients, patientSeed), _pick(grantees, granteeSeed), _scopeList(scopeSeed)
        );
    }

    /// @dev Jumps exactly onto (or just before) the end of a stored grant or emergency access: the boundary.
    function warpToBoundary(
        uint256 patientSeed,
        uint256 granteeSeed,
        uint256 scopeSeed,
        bool emergency,
        bool before
    ) external {
        address patient = _pick(patients, patientSeed);
        address grantee = _pick(grantees, granteeSeed);
        uint8[] memory list = _scopeList(scopeSeed);
        Ghost storage g = _ghost[patient][grantee][list[0]];
        uint256 end = emergency ? g.emergencyUntil : g.expiry;
        if (before) end -= end == 0 ? 0 : 1;
        if (end > block.timestamp) vm.warp(end);
        _checkAccess(patient, grantee, list);
    }

    function _mayWrite(address author, address patient, uint8 scope) private view returns (bool) {
        if (author == patient) return true;
        Ghost storage g = _ghost[patient][author][scope];
        return ghostActive[author] && g.write && block.timestamp < g.expiry;
    }

    /// @dev Folds the anchor events of the last call into the log-derived head, as a client would.
    function _foldLogs(address patient) private {
        Vm.Log[] memory logs = vm.getRecordedLogs();
        for (uint256 i = 0; i < logs.length; ++i) {
            Vm.Log memory log = logs[i];
            if (log.emitter != address(medChain)) continue;
            if (log.topics[0] == IMedChainRecords.RecordAnchored.selector) {
                (uint64 seq, uint32 epoch, uint64 supersedes, bytes memory cid) =
                    abi.decode(log.data, (uint64, uint32, uint64, bytes));
                _foldOne(log, patient, seq, epoch, supersedes, cid);
            } else if (log.topics[0] == IMedChainRecords.RecordsAnchored.selector) {
                (uint64 firstSeq, uint32 epoch, bytes[] memory cids, uint64[] memory supersedes) =
                    abi.decode(log.data, (uint64, uint32, bytes[], uint64[]));
                for (uint64 j = 0; j < cids.length; ++j) {
                    _foldOne(
                        log,
                        patient,
                        firstSeq + j,
                        epoch,
                        supersedes.length == 0 ? 0 : supersedes[j],
                        cids[j]
                    );
                }
            }
        }
    }

    function _foldOne(
        Vm.Log memory log,
        address patient,
        uint64 seq,
        uint32 epoch,
        uint64 supersedes,
        bytes memory cid
    ) private {
        address loggedPatient = address(uint160(uint256(log.topics[1])));
        uint8 scope = uint8(uint256(log.topics[2]));
        address author = address(uint160(uint256(log.topics[3])));
        // Append-only: numbers are contiguous, corrections point backwards, epochs are current.
        if (loggedPatient != patient || seq != ghostCount[patient] + 1 || supersedes >= seq) {
            ++logViolations;
        }
        if (epoch != ghostEpoch[patient][scope] || !_mayWrite(author, patient, scope)) {
            ++logViolations;
        }
        ghostHeadFromLogs[patient] = MedChainSpec.nextHead(
            ghostHeadFromLogs[patient], seq, cid, scope, epoch, author, supersedes
        );
        ghostCount[patient] = seq;
    }
}
