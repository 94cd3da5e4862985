// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IMedChainConsent} from "../../src/interfaces/IMedChainConsent.sol";

/**
 * @dev The documented formulas (EIP-712 type strings, domain, rolling head), written independently of
 * the contracts so that tests check the contracts against the specification a client implements.
 */
library MedChainSpec {
    bytes32 internal constant DOMAIN_TYPEHASH = keccak256(
        "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"
    );
    bytes32 internal constant GRANT_TYPEHASH = keccak256(
        "Grant(address patient,address grantee,uint8[] scopes,bool write,uint64 expiry,bytes envelopeCid,uint256 requestId,uint256 nonce,uint256 deadline)"
    );
    bytes32 internal constant REVOKE_TYPEHASH = keccak256(
        "Revoke(address patient,address grantee,uint8[] scopes,uint256 nonce,uint256 deadline)"
    );
    bytes32 internal constant DENY_TYPEHASH =
        keccak256("Deny(address patient,uint256 requestId,uint256 nonce,uint256 deadline)");
    bytes32 internal constant GENESIS_TAG = keccak256("MedChain.anchorHead.v1");

    function domainSeparator(uint256 chainId, address medChain) internal pure returns (bytes32) {
        return keccak256(
            abi.encode(DOMAIN_TYPEHASH, keccak256("MedChain"), keccak256("1"), chainId, medChain)
        );
    }

    function digest(uint256 chainId, address medChain, bytes32 structHash)
        internal
        pure
        returns (bytes32)
    {
        return
            keccak256(abi.encodePacked("\x19\x01", domainSeparator(chainId, medChain), structHash));
    }

    function grantHash(IMedChainConsent.Grant memory g) internal pure returns (bytes32) {
        return keccak256(
            abi.encode(
                GRANT_TYPEHASH,
                g.patient,
                g.grantee,
                keccak256(abi.encodePacked(g.scopes)),
                g.write,
                g.expiry,
                keccak256(g.envelopeCid),
                g.requestId,
                g.nonce,
                g.deadline
            )
        );
    }

    function revokeHash(IMedChainConsent.Revoke memory r) internal pure returns (bytes32) {
        return keccak256(
            abi.encode(
                REVOKE_TYPEHASH,
                r.patient,
                r.grantee,
                keccak256(abi.encodePacked(r.scopes)),
                r.nonce,
                r.deadline
            )
        );
    }

    function denyHash(IMedChainConsent.Deny memory d) internal pure returns (bytes32) {
        return keccak256(abi.encode(DENY_TYPEHASH, d.patient, d.requestId, d.nonce, d.deadline));
    }

    /// @dev head_0 = keccak256(abi.encode(GENESIS_TAG, chainId, medChain, patient)).
    function genesis(uint256 chainId, address medChain, address patient)
        internal
        pure
        returns (bytes32)
    {
        return keccak256(abi.encode(GENESIS_TAG, chainId, medChain, patient));
    }

    /// @dev head_n = keccak256(abi.encode(head_{n-1}, seq, keccak256(cid), scope, epoch, author, supersedes)).
    function nextHead(
        bytes32 head,
        uint64 seq,
        bytes memory cid,
        uint8 scope,
        uint32 epoch,
        address author,
        uint64 supersedes
    ) internal pure returns (bytes32) {
        return keccak256(abi.encode(head, seq, keccak256(cid), scope, epoch, author, supersedes));
    }
}
