// Every command, in the order `medchain --help` lists them.
import type { Command } from '../command.js'
import { audit } from './audit.js'
import { consentDeny } from './consent-deny.js'
import { consentGrant } from './consent-grant.js'
import { consentInbox } from './consent-inbox.js'
import { consentList } from './consent-list.js'
import { consentRequest } from './consent-request.js'
import { consentRevoke } from './consent-revoke.js'
import { delegateAdd, delegateRemove } from './delegate.js'
import { emergencyAccess, emergencyDisable, emergencyEnable } from './emergency.js'
import { emergencyRelease } from './emergency-release.js'
import { emergencyRequests } from './emergency-requests.js'
import { emergencyServe } from './emergency-serve.js'
import { init } from './init.js'
import { recordList } from './record-list.js'
import { recordPublish } from './record-publish.js'
import { recordRead } from './record-read.js'
import { registerPatient, registerProvider } from './register.js'
import { verify } from './verify.js'

export const commands: readonly Command[] = [
  init,
  registerPatient,
  registerProvider,
  verify,
  recordPublish,
  recordList,
  recordRead,
  consentRequest,
  consentInbox,
  consentGrant,
  consentDeny,
  consentRevoke,
  consentList,
  delegateAdd,
  delegateRemove,
  emergencyEnable,
  emergencyDisable,
  emergencyAccess,
  emergencyRequests,
  emergencyRelease,
  emergencyServe,
  audit,
]
