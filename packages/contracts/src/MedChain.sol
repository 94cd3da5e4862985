// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IMedChainConsent} from "./interfaces/IMedChainConsent.sol";
import {IMedChainIdentity} from "./interfaces/IMedChainIdentity.sol";
import {IMedChainRecords} from "./interfaces/IMedChainRecords.sol";
import {MedChainIdentity} from "./identity/MedChainIdentity.sol";
import {MedChainRecords} from "./records/MedChainRecords.sol";

/**
 * @title MedChain
 * @notice The one deployable MedChain contract: identity and roles ({MedChainIdentity}), consent
 * ({MedChainConsent}) and record anchors ({MedChainRecords}) composed so that hot paths make no
 * cross-contract calls. Administered with OpenZeppelin {AccessControl}; EIP-712 domain "MedChain", "1".
 *
 * Not upgradeable, no ERC-2771 forwarder and no Multicall: patients act gaslessly through the
 * EIP-712 `*BySig` functions instead.
 */
contract MedChain is MedChainRecords {
    /// @param admin Receives `DEFAULT_ADMIN_ROLE` (scopes, roles) and `VERIFIER_ROLE` (providers).
    constructor(address admin) MedChainIdentity(admin) {}

    /// @inheritdoc AccessControl
    function supportsInterface(bytes4 interfaceId) public view virtual override returns (bool) {
        return interfaceId == type(IMedChainIdentity).interfaceId
            || interfaceId == type(IMedChainConsent).interfaceId
            || interfaceId == type(IMedChainRecords).interfaceId
            || super.supportsInterface(interfaceId);
    }
}
