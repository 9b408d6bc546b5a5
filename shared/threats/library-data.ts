import type { LibraryEntryInput } from './library';

/**
 * The entries of the built-in threat library for medical devices (the logic is in library.ts, which
 * checks every entry against its schema when it loads).
 *
 * Each entry is a prompt for the "What can go wrong?" phase: a short title, a STRIDE category, the DFD
 * element kinds it can sit on, and a few concrete example mitigations. Entries are written for this
 * product (not copied from other tools). References:
 * - `capec`: MITRE CAPEC attack-pattern ids, only where the pattern clearly fits.
 * - `emb3d`: MITRE EMB3D threat ids (TID-…), only where the mapping is unambiguous; most entries have none.
 *
 * `appliesTo` follows STRIDE per element: entity — S, R; process — all six; store — T, I, D (and R only
 * for entries about logs, which carry the 'logging' tag); flow — T, I, D. Spoofing the sender of a flow
 * is recorded on the sending entity or process, never on the flow itself.
 *
 * `id` is stored in ThreatShape.libraryId: never rename one once shipped.
 */
export const LIBRARY_DATA: readonly LibraryEntryInput[] = [
  // ───────────────────────────── Spoofing ─────────────────────────────
  {
    id: 'ble-rogue-phone-pairing',
    title: 'Rogue phone pairs with the sensor',
    stride: 'S',
    appliesTo: ['entity', 'process'],
    tags: ['BLE', 'mobile app', 'authentication'],
    description:
      'A nearby attacker with an ordinary phone bonds with the device while it is advertising, because pairing needs no proof of who is on the other end. Once bonded, the attacker can read measurements or send commands as if it were the patient\u2019s own app.',
    mitigations: [
      'Use LE Secure Connections with numeric comparison or passkey entry instead of Just Works pairing',
      'Open the pairing window only after a physical action on the device (button press, magnet) and close it after a short timeout',
      'Authenticate the app to the device at the application layer with per-device credentials provisioned at manufacture',
    ],
    capec: [151],
    emb3d: ['TID-406'],
  },
  {
    id: 'ble-fake-sensor',
    title: 'Counterfeit sensor feeds readings to the app',
    stride: 'S',
    appliesTo: ['entity', 'process'],
    tags: ['BLE', 'mobile app', 'patient data'],
    description:
      'A clone advertises the same name and service UUIDs as the real sensor, and the phone app accepts its invented measurements. Fabricated readings could hide a deterioration or trigger an unnecessary intervention.',
    mitigations: [
      'Give every sensor a unique identity key at manufacture and have the app verify it on each connection',
      'Sign measurement records on the sensor so the cloud can reject data from unknown devices',
      'Show the bonded device serial number in the app and warn when it changes',
    ],
    capec: [151, 194],
  },
  {
    id: 'update-server-spoofed',
    title: 'Impostor update server',
    stride: 'S',
    appliesTo: ['entity', 'process'],
    tags: ['firmware update', 'cloud API'],
    description:
      'The device or its updater is redirected (DNS, rogue Wi-Fi, proxy) to a server pretending to be the manufacturer\u2019s update service. If the client trusts whatever the server sends, the attacker controls what software the whole fleet runs.',
    mitigations: [
      'Validate the update server certificate against a pinned manufacturer trust anchor, never against any CA',
      'Verify the image signature on the device regardless of where it was downloaded from',
      'Sign update manifests (version, hash, target model) so a spoofed server cannot offer a different image',
    ],
    capec: [657, 187],
    emb3d: ['TID-316'],
  },
  {
    id: 'portal-credential-stuffing',
    title: 'Credential stuffing against the patient or clinician portal',
    stride: 'S',
    appliesTo: ['process'],
    tags: ['cloud API', 'authentication', 'patient data'],
    description:
      'Username and password pairs leaked from other sites are replayed against the web portal until some work. Access to a clinician account exposes many patients at once and may allow changes to their care plans.',
    mitigations: [
      'Require multi-factor authentication for clinician and administrator accounts',
      'Throttle and monitor login attempts per account and per source, and check new passwords against breach lists',
      'Alert users about sign-ins from new devices or locations',
    ],
    capec: [600, 565],
    emb3d: ['TID-314'],
  },
  {
    id: 'hl7-forged-sender',
    title: 'Forged sender on the HL7/FHIR interface',
    stride: 'S',
    appliesTo: ['entity', 'process'],
    tags: ['HL7/FHIR', 'hospital network', 'authentication'],
    description:
      'The interface accepts messages from any host that can reach its port, so a machine on the hospital network can pose as the EHR or a lab system. Forged orders, patient demographics or results could be attached to the wrong patient.',
    mitigations: [
      'Require mutual TLS on HL7 MLLP and FHIR endpoints, with certificates issued per system',
      'Use OAuth client credentials (for example SMART Backend Services) for system-to-system FHIR access',
      'Restrict the interface to an allow-list of known source systems and reject everything else',
    ],
    capec: [151, 148],
    emb3d: ['TID-310'],
  },
  {
    id: 'default-service-credentials',
    title: 'Default or hard-coded service password',
    stride: 'S',
    appliesTo: ['process'],
    tags: ['USB/service port', 'hospital network', 'authentication'],
    description:
      'The same maintenance password ships on every unit or is published in the service manual, so anyone who learns it can log in as a technician. One leak compromises every installed device at once.',
    mitigations: [
      'Remove hard-coded credentials; give each device unique secrets and force a change at installation',
      'Authenticate technicians individually against a central directory or with short-lived signed tokens',
      'Disable or firewall remote maintenance services when no service session is scheduled',
    ],
    capec: [70],
    emb3d: ['TID-311', 'TID-328'],
  },
  {
    id: 'unattended-programmer-session',
    title: 'Someone else uses a clinician\u2019s open programming session',
    stride: 'S',
    appliesTo: ['entity', 'process'],
    tags: ['authentication', 'programming commands'],
    description:
      'A clinician programmer or workstation is left logged in, and another person changes therapy under that clinician\u2019s name. The change looks legitimate in every record.',
    mitigations: [
      'Lock the programmer after a short idle time and on walking away (proximity badge)',
      'Ask for a fresh authentication (PIN, badge tap) before sending a therapy change',
      'Show the logged-in user prominently on every programming screen',
    ],
    capec: [151],
  },
  {
    id: 'spoofed-alarm-message',
    title: 'Fake alarm or fake all-clear sent to the central station',
    stride: 'S',
    appliesTo: ['entity', 'process'],
    tags: ['alarms', 'hospital network', 'Wi-Fi'],
    description:
      'An attacker on the network sends messages that appear to come from a bedside device: a flood of false alarms wears staff down, and a forged "alarm resolved" can hide a real emergency.',
    mitigations: [
      'Authenticate alarm messages with per-device keys and reject unsigned or unknown senders',
      'Supervise each device with a heartbeat so silence is itself an alarm',
      'Keep a local audible alarm on the device that does not depend on the network',
    ],
    capec: [148, 194],
  },
  {
    id: 'counterfeit-companion-app',
    title: 'Counterfeit companion app',
    stride: 'S',
    appliesTo: ['entity', 'process'],
    tags: ['mobile app', 'authentication'],
    description:
      'A look-alike app, sideloaded or slipped into an app store, presents itself as the official companion app. It harvests patient credentials and health data, or talks to the device with stolen keys.',
    mitigations: [
      'Verify the genuine app on the server with platform attestation (Play Integrity, App Attest)',
      'Publish only through official stores, monitor for impostor listings, and link to them from the device labelling',
      'Bind device pairing keys to the genuine app\u2019s signing identity',
    ],
    capec: [202],
  },
  {
    id: 'session-token-reuse',
    title: 'Stolen session token reused',
    stride: 'S',
    appliesTo: ['process'],
    tags: ['cloud API', 'mobile app', 'authentication'],
    description:
      'A session or API token taken from a log, a compromised phone or intercepted traffic lets the attacker act as the user until it expires. Long-lived tokens on medical apps can stay valid for months.',
    mitigations: [
      'Issue short-lived access tokens with refresh tokens bound to the device (sender-constrained tokens)',
      'Revoke tokens on password change, logout and reported phone loss',
      'Never write tokens to logs or crash reports',
    ],
    capec: [593, 60],
    emb3d: ['TID-321'],
  },
  {
    id: 'wifi-evil-twin',
    title: 'Evil-twin Wi-Fi access point',
    stride: 'S',
    appliesTo: ['entity', 'process'],
    tags: ['Wi-Fi', 'hospital network'],
    description:
      'An access point broadcasting the hospital or home network name lures the device into connecting through the attacker, who can then observe or steer its traffic.',
    mitigations: [
      'Use WPA2/WPA3-Enterprise with EAP-TLS and validate the authentication server certificate',
      'Protect application traffic with its own TLS so the Wi-Fi layer is not the only defence',
      'Do not auto-join open networks from device firmware',
    ],
    capec: [615],
  },

  // ───────────────────────────── Tampering ─────────────────────────────
  {
    id: 'ble-command-tamper',
    title: 'Therapy command altered over BLE',
    stride: 'T',
    appliesTo: ['flow', 'process'],
    tags: ['BLE', 'programming commands'],
    description:
      'An adversary in the middle of the Bluetooth link changes a programming command, for example the dose or rate, before it reaches the device. The device delivers therapy the clinician never prescribed.',
    mitigations: [
      'Encrypt and authenticate the link (LE Secure Connections) and add an application-layer MAC on each command',
      'Enforce hard safety limits on the device itself, independent of what the app sends',
      'Display the received settings on the device, or echo them back, for confirmation before they take effect',
    ],
    capec: [94, 272],
    emb3d: ['TID-406'],
  },
  {
    id: 'ble-command-replay',
    title: 'Replayed BLE command',
    stride: 'T',
    appliesTo: ['flow', 'process'],
    tags: ['BLE', 'programming commands'],
    description:
      'A previously captured valid command, such as a bolus request, is transmitted again later. Without freshness checks the device cannot tell it from a new legitimate request.',
    mitigations: [
      'Include a monotonic counter or nonce in every command and reject repeats',
      'Give commands a short validity window tied to the current session',
      'Derive fresh session keys on every connection',
    ],
    capec: [60],
    emb3d: ['TID-407', 'TID-221'],
  },
  {
    id: 'fw-unsigned-image',
    title: 'Unsigned or wrongly-signed firmware accepted',
    stride: 'T',
    appliesTo: ['process', 'flow'],
    tags: ['firmware update', 'supply chain'],
    description:
      'The updater installs an image without checking a signature, checks it incorrectly, or accepts images signed with a development key. Anyone able to deliver a file can then run arbitrary code on the device.',
    mitigations: [
      'Verify a signature over the whole image in the bootloader, with the public key held in ROM or one-time-programmable memory',
      'Keep production and development signing keys separate and make production units reject development-signed images',
      'Chain verification through every boot stage (secure boot)',
    ],
    capec: [186, 475],
    emb3d: ['TID-211', 'TID-213'],
  },
  {
    id: 'fw-downgrade',
    title: 'Firmware rolled back to a vulnerable version',
    stride: 'T',
    appliesTo: ['process', 'flow'],
    tags: ['firmware update'],
    description:
      'An old image, correctly signed but with known vulnerabilities, is reinstalled to reopen a flaw that was already patched.',
    mitigations: [
      'Keep a monotonic anti-rollback counter in protected storage and refuse lower security versions',
      'Put the version inside the signed manifest so it cannot be edited',
      'Allow deliberate rollback only to versions explicitly marked as approved',
    ],
    capec: [186],
    emb3d: ['TID-216'],
  },
  {
    id: 'build-pipeline-compromise',
    title: 'Compromised build or signing pipeline',
    stride: 'T',
    appliesTo: ['process', 'store'],
    tags: ['supply chain', 'firmware update'],
    description:
      'An attacker inside the build server, source repository or signing service inserts code that is then signed and shipped as a genuine release. Every device that updates receives it, so one breach can affect many patients.',
    mitigations: [
      'Keep signing keys in an HSM and require two-person approval for each release signature',
      'Make builds reproducible and compare independent builds before signing',
      'Harden and monitor CI: least-privilege runners, protected branches, signed commits',
    ],
    capec: [511, 673, 678],
  },
  {
    id: 'third-party-component',
    title: 'Malicious or vulnerable third-party component',
    stride: 'T',
    appliesTo: ['process'],
    tags: ['supply chain'],
    description:
      'An open-source library, RTOS or vendor stack included in the product is backdoored or has a known vulnerability that nobody tracks. The flaw ships inside the device and may be hard to patch later.',
    mitigations: [
      'Maintain a software bill of materials and monitor it against vulnerability feeds',
      'Pin dependency versions and verify their hashes in the build',
      'Assess suppliers and require vulnerability disclosure terms in contracts',
    ],
    capec: [538, 446],
  },
  {
    id: 'manufacture-modification',
    title: 'Device altered during manufacture or distribution',
    stride: 'T',
    appliesTo: ['process'],
    tags: ['supply chain', 'physical access'],
    description:
      'Hardware or firmware is modified at a contract manufacturer, programming station or during shipping, before the device reaches the patient. The change is invisible to normal functional testing.',
    mitigations: [
      'Provision keys and firmware in a controlled station and record each unit\u2019s measured firmware hash',
      'Use tamper-evident packaging and chain-of-custody checks',
      'Attest firmware and identity at first connection and reject units that fail',
    ],
    capec: [438, 439],
  },
  {
    id: 'hl7-result-tamper',
    title: 'Lab result or order altered in transit',
    stride: 'T',
    appliesTo: ['flow', 'process'],
    tags: ['HL7/FHIR', 'hospital network', 'patient data'],
    description:
      'Plain-text HL7 over the hospital network can be modified by anyone positioned between systems. A changed value, unit or patient identifier can lead to a wrong diagnosis or treatment.',
    mitigations: [
      'Carry HL7 and FHIR traffic over mutually authenticated TLS',
      'Validate messages at the receiver (patient identifiers, units, plausible ranges) and quarantine anomalies',
      'Reconcile critical results with the source system',
    ],
    capec: [94, 216],
  },
  {
    id: 'dicom-embedded-malware',
    title: 'DICOM file carrying embedded malware',
    stride: 'T',
    appliesTo: ['process', 'store', 'flow'],
    tags: ['DICOM', 'hospital network'],
    description:
      'The DICOM preamble and private tags can hold executable content, so a file can be both a valid image and a program. Imported from removable media or a partner site, it spreads through PACS and workstations while looking like a normal study.',
    mitigations: [
      'Scan DICOM objects on import and clear or validate the 128-byte preamble',
      'Parse strictly and reject malformed or oversized objects',
      'Never open DICOM files with tools that could execute them, and restrict execute rights on image shares',
    ],
    capec: [17, 636],
  },
  {
    id: 'dicom-image-tamper',
    title: 'Images or measurements altered in PACS',
    stride: 'T',
    appliesTo: ['store', 'flow', 'process'],
    tags: ['DICOM', 'patient data'],
    description:
      'Studies are modified in transit or in the archive, for example by adding or removing findings or changing the patient identity. Radiologists then read images that no longer reflect the patient.',
    mitigations: [
      'Use TLS for DICOM associations and restrict which application entities may store images',
      'Apply DICOM digital signatures or store hashes of acquired images and check them on retrieval',
      'Limit write and delete rights in PACS to named service accounts',
    ],
    capec: [94],
  },
  {
    id: 'usb-malicious-media',
    title: 'Malicious USB media on the service port',
    stride: 'T',
    appliesTo: ['process'],
    tags: ['USB/service port', 'physical access'],
    description:
      'A USB stick or a device pretending to be a keyboard is plugged into an exposed port and delivers malware or keystrokes to the control station or device. Anyone in the room, including visitors, may have the chance.',
    mitigations: [
      'Disable autorun and unused USB device classes; allow only signed service packages from media',
      'Lock the port or require service mode before it becomes active',
      'Place ports out of reach or behind tamper-evident covers',
    ],
    capec: [457],
    emb3d: ['TID-111'],
  },
  {
    id: 'backup-restore-tampered',
    title: 'Tampered configuration restored from backup',
    stride: 'T',
    appliesTo: ['process', 'store', 'flow'],
    tags: ['backup/restore', 'programming commands'],
    description:
      'An edited backup file is restored onto the device, silently bringing back unsafe therapy settings, widened limits or weakened security options.',
    mitigations: [
      'Sign or MAC backups and refuse to restore any that fail verification',
      'Re-check every restored value against safety limits and show the differences before applying',
      'Require an authorized user for restore and record it in the audit log',
    ],
    capec: [75, 536],
  },
  {
    id: 'stored-settings-tamper',
    title: 'Therapy parameters altered at rest',
    stride: 'T',
    appliesTo: ['store', 'process'],
    tags: ['programming commands', 'physical access'],
    description:
      'Settings held in device flash or a configuration database are edited directly, bypassing the user interface and its checks. The device then runs with values no clinician entered.',
    mitigations: [
      'Protect stored parameters with a MAC or signature and verify it at boot and before each therapy cycle',
      'Keep keys in a secure element or protected memory region',
      'Fall back to a safe state and alarm when the integrity check fails',
    ],
    capec: [176],
    emb3d: ['TID-108'],
  },
  {
    id: 'fault-injection',
    title: 'Glitching bypasses secure boot or safety checks',
    stride: 'T',
    appliesTo: ['process'],
    tags: ['physical access', 'firmware update'],
    description:
      'Voltage, clock or electromagnetic glitches make the processor skip an instruction, such as the signature check in the bootloader or a dose-limit comparison. It needs the device in hand, but one success can reveal secrets shared by a whole product line.',
    mitigations: [
      'Use microcontrollers with glitch and brown-out detectors',
      'Write security-critical checks redundantly (double checks, complementary values, random delays)',
      'Use per-device keys so one broken unit does not expose the fleet',
    ],
    capec: [624, 625],
    emb3d: ['TID-105', 'TID-110'],
  },
  {
    id: 'mobile-app-tampered',
    title: 'Tampered or hooked companion app',
    stride: 'T',
    appliesTo: ['process'],
    tags: ['mobile app', 'programming commands'],
    description:
      'On a rooted phone the app is modified or instrumented at runtime to skip its own limits and send commands the official app would never allow.',
    mitigations: [
      'Enforce every safety limit on the device and server, never only in the app',
      'Use platform attestation and integrity checks, and restrict high-risk functions when they fail',
      'Obfuscate and pin the app\u2019s cryptographic material so extraction takes real effort',
    ],
    capec: [202, 660],
  },
  {
    id: 'cloud-api-injection',
    title: 'Injection through cloud API input',
    stride: 'T',
    appliesTo: ['process'],
    tags: ['cloud API', 'patient data'],
    description:
      'Unvalidated input reaches a database query or command, letting an attacker read or rewrite records for many patients at once.',
    mitigations: [
      'Use parameterized queries or a safe query builder everywhere',
      'Validate request bodies against a strict schema at the API edge',
      'Run API services with least-privilege database accounts',
    ],
    capec: [66],
    emb3d: ['TID-320'],
  },
  {
    id: 'alarm-limits-widened',
    title: 'Alarm limits quietly widened',
    stride: 'T',
    appliesTo: ['process', 'store', 'flow'],
    tags: ['alarms', 'programming commands'],
    description:
      'Alarm thresholds are changed through a configuration command or file so that dangerous values no longer alarm. Nothing looks wrong until a patient deteriorates unnoticed.',
    mitigations: [
      'Enforce clinically safe bounds for alarm limits on the device itself',
      'Show non-default alarm limits clearly on the device and central station',
      'Log every limit change with the user who made it',
    ],
    capec: [176],
  },

  // ───────────────────────────── Repudiation ─────────────────────────────
  {
    id: 'no-therapy-audit-trail',
    title: 'No record of who changed the therapy',
    stride: 'R',
    appliesTo: ['process', 'store'],
    tags: ['logging', 'programming commands'],
    description:
      'Therapy changes are applied without recording who made them, when, and what the old and new values were. After an adverse event nobody can reconstruct what happened or show that the device behaved correctly.',
    mitigations: [
      'Record every programming change with user, time, source and old and new values',
      'Keep the record on the device and copy it to the server so losing one copy is not fatal',
      'Include the audit trail in the data available to incident investigations',
    ],
    capec: [268],
  },
  {
    id: 'clinician-disputes-change',
    title: 'Clinician disputes a dose change attributed to them',
    stride: 'R',
    appliesTo: ['entity', 'process'],
    tags: ['programming commands', 'authentication', 'logging'],
    description:
      'A clinician says they never made a change that the system records under their name, and the record cannot prove otherwise because anyone with the account or workstation could have made it.',
    mitigations: [
      'Require an explicit confirmation step showing the change, bound to an individual authentication',
      'Sign programming sessions with the clinician\u2019s credential so the record is attributable',
      'Keep tamper-evident logs on both the programmer and the device',
    ],
  },
  {
    id: 'shared-accounts',
    title: 'Shared account hides who acted',
    stride: 'R',
    appliesTo: ['entity', 'process'],
    tags: ['authentication', 'logging', 'hospital network'],
    description:
      'A generic login ("nurse", "service") is used by many people, so every log entry names the account but not the person. Accountability for alarm silencing or setting changes is lost.',
    mitigations: [
      'Give every user an individual account and offer fast user switching (badge tap) so sharing is unnecessary',
      'Disable or tightly restrict generic accounts',
      'Review accounts periodically and remove unused ones',
    ],
  },
  {
    id: 'audit-log-tampering',
    title: 'Audit log edited or wiped',
    stride: 'R',
    appliesTo: ['store', 'process'],
    tags: ['logging'],
    description:
      'An attacker or insider with enough access deletes or rewrites log entries to hide what they did. Without trustworthy logs neither the security incident nor its patient-safety impact can be assessed.',
    mitigations: [
      'Chain log entries with hashes or signatures so gaps and edits are detectable',
      'Forward logs promptly to a separate, append-only store the device cannot modify',
      'Separate the right to write logs from the right to delete them',
    ],
    capec: [268, 93],
  },
  {
    id: 'unattributed-readings',
    title: 'Readings cannot be tied to a device or patient',
    stride: 'R',
    appliesTo: ['entity', 'process', 'store'],
    tags: ['logging', 'patient data', 'mobile app'],
    description:
      'Measurements arrive in the cloud without proof of which sensor produced them or which phone relayed them. When a patient or clinician questions a reading, the record cannot settle it.',
    mitigations: [
      'Sign measurements on the sensor and include the serial number and a sequence number',
      'Log pairing and unpairing events with device identities',
      'Keep the provenance fields with the data through every processing step',
    ],
  },
  {
    id: 'untrusted-timestamps',
    title: 'Untrusted timestamps make events impossible to order',
    stride: 'R',
    appliesTo: ['process', 'store'],
    tags: ['logging'],
    description:
      'The device clock drifts or can be set by anyone, so log times cannot be compared with the app, cloud or hospital records. Investigations after an incident cannot establish what happened first.',
    mitigations: [
      'Synchronise time from an authenticated source and log every clock change',
      'Record a monotonic counter next to wall-clock time',
      'Note the time source and offset in exported logs',
    ],
  },
  {
    id: 'service-actions-unlogged',
    title: 'Service technician actions not recorded',
    stride: 'R',
    appliesTo: ['entity', 'process'],
    tags: ['USB/service port', 'logging'],
    description:
      'Entering service mode, changing calibration or replacing firmware through the service port leaves no trace, so later faults cannot be linked to maintenance work.',
    mitigations: [
      'Log service-mode entry and exit and every command issued in it, with the technician\u2019s identity',
      'Require a named technician login rather than a device-wide service code',
      'Include the service log in the service report given to the hospital',
    ],
  },
  {
    id: 'vendor-support-access-unlogged',
    title: 'Vendor support access to patient data not recorded',
    stride: 'R',
    appliesTo: ['entity', 'process'],
    tags: ['cloud API', 'logging', 'patient data'],
    description:
      'Manufacturer support or operations staff can open patient records in the cloud back end without any record of who looked or why.',
    mitigations: [
      'Grant just-in-time support access with a ticket reference and approval',
      'Keep an immutable log of administrative access that the administrators themselves cannot change',
      'Review support access regularly and report it to customers on request',
    ],
  },

  // ───────────────────────────── Information disclosure ─────────────────────────────
  {
    id: 'ble-sniffing',
    title: 'Patient readings sniffed over BLE',
    stride: 'I',
    appliesTo: ['flow'],
    tags: ['BLE', 'patient data'],
    description:
      'Bluetooth traffic that is unencrypted, or encrypted with a key recoverable from legacy pairing, can be captured from several metres away with inexpensive tools, revealing health data and device commands.',
    mitigations: [
      'Use LE Secure Connections pairing (ECDH) rather than legacy pairing',
      'Add application-layer encryption for health data and commands',
      'Send only the data the receiver needs',
    ],
    capec: [157, 117],
    emb3d: ['TID-408'],
  },
  {
    id: 'ble-advertising-tracking',
    title: 'Device advertising reveals and tracks the patient',
    stride: 'I',
    appliesTo: ['flow', 'process'],
    tags: ['BLE', 'patient data'],
    description:
      'A fixed Bluetooth address and a descriptive device name announce that the wearer has a specific medical condition and let them be followed from place to place.',
    mitigations: [
      'Use resolvable private addresses that rotate',
      'Advertise a generic name and no model or patient information',
      'Advertise only when a connection is actually needed',
    ],
  },
  {
    id: 'cloud-broken-object-auth',
    title: 'One patient\u2019s records fetched by another (broken object-level authorization)',
    stride: 'I',
    appliesTo: ['process'],
    tags: ['cloud API', 'patient data'],
    description:
      'The API checks that the caller is logged in but not that the requested record belongs to them, so changing an id in the request returns another patient\u2019s data. Scripts can walk through every record.',
    mitigations: [
      'Check ownership or care-team membership for every object on the server side',
      'Use non-guessable identifiers as an extra layer, not as the control',
      'Add automated tests that try cross-patient access on every endpoint',
    ],
    capec: [1],
    emb3d: ['TID-324'],
  },
  {
    id: 'phi-cleartext-to-cloud',
    title: 'Patient data sent to the cloud unencrypted',
    stride: 'I',
    appliesTo: ['flow'],
    tags: ['cloud API', 'patient data'],
    description:
      'Health data leaves the phone, gateway or device over plain HTTP, or over TLS without certificate validation, and can be read by anyone on the path, such as public Wi-Fi or a compromised router.',
    mitigations: [
      'Use TLS 1.2 or later with full certificate and hostname validation and no plain-HTTP fallback',
      'Pin the server certificate or issuing CA in the app',
      'Test in CI that clients reject invalid certificates',
    ],
    capec: [158, 94],
    emb3d: ['TID-408', 'TID-316'],
  },
  {
    id: 'phi-cleartext-hospital-link',
    title: 'PHI in clear on HL7 or DICOM links',
    stride: 'I',
    appliesTo: ['flow'],
    tags: ['HL7/FHIR', 'DICOM', 'hospital network', 'patient data'],
    description:
      'Interfaces inside the hospital often send HL7 and DICOM without encryption on the assumption that the network is trusted. Anyone who can mirror a switch port can collect names, diagnoses and images.',
    mitigations: [
      'Use TLS for HL7 MLLP and the DICOM TLS profile',
      'Place device traffic on segmented VLANs with limited access',
      'Send only the fields each receiving system needs',
    ],
    capec: [158],
    emb3d: ['TID-408'],
  },
  {
    id: 'mobile-insecure-storage',
    title: 'Health data left unprotected on the phone',
    stride: 'I',
    appliesTo: ['store', 'process'],
    tags: ['mobile app', 'patient data'],
    description:
      'The app keeps readings, tokens or keys in plain files, shared storage or automatic cloud backups, where other apps, backup services or a thief can read them.',
    mitigations: [
      'Encrypt local data with keys held in the platform keystore',
      'Exclude sensitive files from device backups and shared storage',
      'Keep only what is needed on the phone and delete it once uploaded',
    ],
    capec: [37, 204],
  },
  {
    id: 'stolen-phone',
    title: 'Lost or stolen phone opens the app',
    stride: 'I',
    appliesTo: ['process', 'store'],
    tags: ['mobile app', 'physical access', 'authentication'],
    description:
      'Whoever holds an unlocked or lightly protected phone can open the companion app, see the patient\u2019s history and perhaps control the paired device.',
    mitigations: [
      'Require biometric or PIN unlock for the app, separate from the phone lock',
      'Let the patient or clinic revoke the phone\u2019s tokens and pairing remotely',
      'Use short sessions for functions that can change therapy',
    ],
    capec: [507],
  },
  {
    id: 'logs-contain-phi',
    title: 'Logs containing patient data or secrets',
    stride: 'I',
    appliesTo: ['store', 'process', 'flow'],
    tags: ['logging', 'patient data'],
    description:
      'Debug and audit logs capture names, readings, tokens or keys. Logs are copied widely (support tickets, crash reports, monitoring tools) and are rarely protected like the primary data.',
    mitigations: [
      'Redact or pseudonymize patient fields and never log secrets',
      'Apply the same access control and retention limits to logs as to patient records',
      'Test log output for sensitive fields in CI',
    ],
  },
  {
    id: 'firmware-key-extraction',
    title: 'Firmware and keys read out through the debug port or flash',
    stride: 'I',
    appliesTo: ['process', 'store'],
    tags: ['USB/service port', 'physical access', 'firmware update'],
    description:
      'With the device opened, an attacker reads the firmware and stored secrets through JTAG/SWD, UART or by desoldering the flash chip. Shared keys found this way unlock every unit of the product line.',
    mitigations: [
      'Enable read-out protection and lock or disable debug interfaces in production',
      'Keep keys in a secure element or protected key store, never in plain flash',
      'Use unique per-device keys so one extraction does not compromise the fleet',
    ],
    capec: [401, 188],
    emb3d: ['TID-115', 'TID-108'],
  },
  {
    id: 'side-channel-key-recovery',
    title: 'Keys recovered by power or electromagnetic analysis',
    stride: 'I',
    appliesTo: ['process'],
    tags: ['physical access'],
    description:
      'Measuring power use or electromagnetic emissions while the device performs cryptography can reveal its keys. It needs lab equipment and the device in hand, but the result may apply to every unit.',
    mitigations: [
      'Use constant-time, masked cryptographic implementations or a certified secure element',
      'Use per-device keys to limit the impact of one successful attack',
      'Limit how many cryptographic operations an attacker can trigger',
    ],
    capec: [189, 622],
    emb3d: ['TID-101', 'TID-102'],
  },
  {
    id: 'cloud-bulk-data-leak',
    title: 'Bulk leak of the patient database',
    stride: 'I',
    appliesTo: ['store', 'process'],
    tags: ['cloud API', 'patient data'],
    description:
      'A misconfigured storage bucket, exposed database or stolen administrator credential exposes records for every patient at once, a multi-patient harm scenario.',
    mitigations: [
      'Encrypt data at rest with managed keys and separate key access from data access',
      'Block public storage by policy and scan configurations continuously',
      'Alert on unusual bulk reads and exports',
    ],
  },
  {
    id: 'decommissioned-device-data',
    title: 'Patient data left on returned or decommissioned devices',
    stride: 'I',
    appliesTo: ['store'],
    tags: ['patient data', 'physical access', 'backup/restore'],
    description:
      'Devices returned for repair, resold or discarded still hold patient records, credentials or hospital network keys.',
    mitigations: [
      'Provide a verified secure-erase function and use it during returns handling',
      'Encrypt storage with a per-device key that is destroyed on factory reset',
      'Document decommissioning steps for hospitals in the labelling',
    ],
    capec: [675],
  },
  {
    id: 'backup-exposure',
    title: 'Backups with patient data exposed',
    stride: 'I',
    appliesTo: ['store', 'flow'],
    tags: ['backup/restore', 'patient data'],
    description:
      'Configuration and data backups are exported to USB sticks, network shares or cloud buckets without encryption and outlive the systems they came from.',
    mitigations: [
      'Encrypt backups and keep the keys separate from the backup location',
      'Restrict who can create and download backups, and log it',
      'Set retention limits and destroy expired backups',
    ],
  },
  {
    id: 'wifi-weak-crypto',
    title: 'Weak or shared Wi-Fi keys expose device traffic',
    stride: 'I',
    appliesTo: ['flow'],
    tags: ['Wi-Fi', 'hospital network'],
    description:
      'Devices on a network protected only by a shared passphrase, or an outdated protocol, can be decrypted by anyone who knows or cracks the key.',
    mitigations: [
      'Use WPA2/WPA3-Enterprise with individual device certificates',
      'Encrypt application traffic end to end regardless of the Wi-Fi layer',
      'Put medical devices on their own SSID and VLAN',
    ],
    capec: [157],
    emb3d: ['TID-411'],
  },

  // ───────────────────────────── Denial of service ─────────────────────────────
  {
    id: 'ble-jamming',
    title: 'BLE link jammed, readings and alarms lost',
    stride: 'D',
    appliesTo: ['flow'],
    tags: ['BLE', 'alarms'],
    description:
      'Radio interference on the 2.4 GHz band blocks the link between sensor and phone. If the system depends on that link to raise alarms, a deterioration can go unreported.',
    mitigations: [
      'Detect link loss quickly and alert the patient or clinician',
      'Buffer readings on the sensor and send them once the link returns',
      'Keep a local alarm on the device that does not depend on the radio link',
    ],
    capec: [601],
  },
  {
    id: 'ble-battery-drain',
    title: 'Battery drained by repeated connection attempts',
    stride: 'D',
    appliesTo: ['process', 'flow'],
    tags: ['BLE'],
    description:
      'An attacker keeps connecting, pairing or requesting data so the radio never sleeps. A wearable or implant runs flat long before it should, stopping monitoring or therapy.',
    mitigations: [
      'Rate-limit connection and pairing attempts and back off after failures',
      'Stop advertising once bonded, except in a pairing window',
      'Warn of unusual battery drain early, well before shutdown',
    ],
    capec: [125],
  },
  {
    id: 'cloud-service-flood',
    title: 'Cloud service flooded or unavailable',
    stride: 'D',
    appliesTo: ['process', 'flow'],
    tags: ['cloud API', 'alarms'],
    description:
      'Traffic floods or expensive requests make the cloud API unavailable, so readings, notifications to clinicians and remote alerts stop for every patient at once.',
    mitigations: [
      'Apply rate limits per client and DDoS protection at the edge',
      'Design devices and apps to keep working safely offline and to flag missing data',
      'Monitor end-to-end delivery of clinical notifications, not just server health',
    ],
    capec: [125, 488],
  },
  {
    id: 'workstation-ransomware',
    title: 'Ransomware on the Windows control station',
    stride: 'D',
    appliesTo: ['process', 'store'],
    tags: ['hospital network', 'USB/service port'],
    description:
      'The device\u2019s Windows workstation picks up ransomware from the hospital network or removable media, encrypting its software and data and taking the scanner or system out of service.',
    mitigations: [
      'Use application allow-listing and remove software not needed for the device',
      'Validate and ship OS patches promptly for the supported lifetime',
      'Keep offline, tested backups and a documented recovery procedure',
    ],
    capec: [542],
  },
  {
    id: 'update-during-therapy',
    title: 'Update interrupts therapy in progress',
    stride: 'D',
    appliesTo: ['process'],
    tags: ['firmware update', 'programming commands'],
    description:
      'An update, possibly triggered remotely, reboots the device while it is delivering therapy or monitoring a patient.',
    mitigations: [
      'Install updates only in a safe state and with local user consent',
      'Check battery level and clinical state before installing',
      'Refuse remote update triggers while therapy is active',
    ],
    emb3d: ['TID-217'],
  },
  {
    id: 'failed-update-bricks-device',
    title: 'Failed update leaves the device unusable',
    stride: 'D',
    appliesTo: ['process'],
    tags: ['firmware update', 'backup/restore'],
    description:
      'A corrupted download, power loss or faulty image leaves the device unable to boot. Across a fleet, a bad release can take many patients\u2019 devices offline at the same time.',
    mitigations: [
      'Use A/B partitions and boot back into the last known-good image automatically',
      'Roll updates out in stages and watch field telemetry before continuing',
      'Verify the image completely before switching to it',
    ],
    emb3d: ['TID-217'],
  },
  {
    id: 'log-flooding',
    title: 'Log flooding hides events or fills storage',
    stride: 'D',
    appliesTo: ['store', 'process', 'flow'],
    tags: ['logging'],
    description:
      'A flood of generated events overwrites older records in a ring buffer or fills storage, so the entries that mattered are lost and logging may stop altogether.',
    mitigations: [
      'Rate-limit events per source and aggregate repeats',
      'Reserve separate space for security and therapy events that routine messages cannot overwrite',
      'Alert when log volume spikes or storage runs low',
    ],
    capec: [130],
  },
  {
    id: 'alarm-suppression',
    title: 'Alarms silenced or suppressed',
    stride: 'D',
    appliesTo: ['process', 'flow'],
    tags: ['alarms', 'authentication'],
    description:
      'Remote silencing, an unauthenticated "acknowledge" command or blocking of alarm messages stops alarms from reaching staff while the patient needs help.',
    mitigations: [
      'Allow silencing only by an authenticated local action, for a limited time',
      'Make the central station alarm when a device stops reporting',
      'Never allow alarms to be disabled permanently from a remote interface',
    ],
    capec: [607],
  },
  {
    id: 'interface-engine-flood',
    title: 'Interface engine flooded or its queue blocked',
    stride: 'D',
    appliesTo: ['process', 'flow'],
    tags: ['HL7/FHIR', 'hospital network'],
    description:
      'A burst of messages, or one malformed message that is retried forever, stalls the HL7/FHIR queue. Results and orders stop flowing between the device and the EHR.',
    mitigations: [
      'Cap queue size and rate per sender',
      'Move messages that fail parsing to a dead-letter queue instead of retrying them forever',
      'Monitor queue depth and message latency with alerts',
    ],
    capec: [125],
  },
  {
    id: 'network-stack-crash',
    title: 'Malformed packets crash the device\u2019s network stack',
    stride: 'D',
    appliesTo: ['process'],
    tags: ['hospital network', 'Wi-Fi'],
    description:
      'A crafted packet triggers a bug in the TCP/IP or Wi-Fi stack and the device hangs or reboots. If communications share a processor with the therapy function, therapy may stop too.',
    mitigations: [
      'Fuzz the network stack and protocol parsers before release',
      'Separate communications from safety-critical functions (separate processor or partition) with a watchdog',
      'Keep the stack patchable and track its vulnerabilities in the SBOM',
    ],
    emb3d: ['TID-202', 'TID-404'],
  },
  {
    id: 'pacs-storage-exhaustion',
    title: 'Archive filled with bogus studies',
    stride: 'D',
    appliesTo: ['store', 'process'],
    tags: ['DICOM', 'hospital network'],
    description:
      'Any system that can open a DICOM association sends large volumes of junk images until the archive or modality storage is full and new studies cannot be saved.',
    mitigations: [
      'Accept DICOM associations only from known application entities and addresses',
      'Set storage quotas and alerts per source',
      'Keep capacity headroom and monitor fill rate',
    ],
    capec: [130],
  },
  {
    id: 'emergency-lockout',
    title: 'Clinician locked out when access is urgent',
    stride: 'D',
    appliesTo: ['process'],
    tags: ['authentication', 'programming commands'],
    description:
      'Account lockout after failed logins, which an attacker can trigger on purpose, or an unreachable authentication server stops a clinician from adjusting therapy in an emergency.',
    mitigations: [
      'Provide audited break-glass access for emergencies',
      'Slow down repeated failures rather than locking accounts outright',
      'Keep a local authentication path that works when the network is down',
    ],
    capec: [2],
  },

  // ───────────────────────────── Elevation of privilege ─────────────────────────────
  {
    id: 'portal-to-service-mode',
    title: 'Clinician-portal user reaches service-mode commands',
    stride: 'E',
    appliesTo: ['process'],
    tags: ['cloud API', 'authentication', 'programming commands'],
    description:
      'Service or engineering functions are hidden in the user interface but still reachable through the API, so a clinician or patient account can call them directly.',
    mitigations: [
      'Enforce role checks on the server for every endpoint, not in the user interface',
      'Put service functions on a separate API with separate credentials',
      'Test each role against every endpoint in an automated authorization matrix',
    ],
    capec: [1, 180],
  },
  {
    id: 'role-claim-manipulation',
    title: 'Patient account gains clinician privileges',
    stride: 'E',
    appliesTo: ['process'],
    tags: ['cloud API', 'mobile app', 'authentication'],
    description:
      'The role is taken from a value the client controls, such as a token claim signed with a weak key or a request parameter, and a patient raises their own role to clinician.',
    mitigations: [
      'Derive roles on the server from the identity provider, never from client input',
      'Sign tokens with strong asymmetric keys and validate algorithm, issuer and audience',
      'Log and alert on role changes',
    ],
    capec: [39, 233],
  },
  {
    id: 'service-mode-escalation',
    title: 'Service mode entered without authorization',
    stride: 'E',
    appliesTo: ['process'],
    tags: ['USB/service port', 'authentication'],
    description:
      'A key combination, a USB cable or a diagnostic command opens service mode, with calibration, firmware loading and limit overrides, without proving that the person is an authorized technician.',
    mitigations: [
      'Require a signed, device-specific, time-limited challenge-response token to enter service mode',
      'Require physical presence and block service mode while therapy is active',
      'Log every service-mode session',
    ],
    capec: [121, 36],
    emb3d: ['TID-224'],
  },
  {
    id: 'debug-port-access',
    title: 'Open debug port gives full control of the device',
    stride: 'E',
    appliesTo: ['process'],
    tags: ['USB/service port', 'physical access'],
    description:
      'A JTAG, SWD or UART console left enabled on production hardware lets anyone with brief physical access halt the processor, rewrite memory or get a root shell.',
    mitigations: [
      'Disable or permanently lock debug interfaces in production (fuses)',
      'If debug must remain, require authenticated debug unlock with per-device keys',
      'Remove test pads and headers from production boards where possible',
    ],
    capec: [401, 121],
    emb3d: ['TID-119', 'TID-116'],
  },
  {
    id: 'missing-authz-programming',
    title: 'Programming commands accepted without authorization',
    stride: 'E',
    appliesTo: ['process'],
    tags: ['programming commands', 'BLE', 'authentication'],
    description:
      'The device executes any well-formed therapy command from any connected client, so a patient app, or anything that has paired, can make changes meant for clinicians only.',
    mitigations: [
      'Define roles (patient, clinician, service) and check them on the device for every command',
      'Bind clinician privileges to credentials issued by the clinic, not to the app type',
      'Restrict the patient app to the safe subset of commands',
    ],
    capec: [1],
    emb3d: ['TID-310'],
  },
  {
    id: 'app-sandbox-escape',
    title: 'Another app on the phone drives the medical app',
    stride: 'E',
    appliesTo: ['process'],
    tags: ['mobile app'],
    description:
      'Exported activities, intents, URL schemes or an OS-level sandbox escape let a malicious app on the same phone read the medical app\u2019s data or trigger its device commands.',
    mitigations: [
      'Do not export components or URL handlers that can trigger sensitive actions',
      'Require user confirmation inside the app for every therapy-affecting action',
      'Set a minimum supported OS version so known sandbox escapes are patched',
    ],
    capec: [499, 502],
    emb3d: ['TID-306'],
  },
  {
    id: 'flat-network-lateral-movement',
    title: 'Flat hospital network lets malware reach the device',
    stride: 'E',
    appliesTo: ['process'],
    tags: ['hospital network', 'Wi-Fi'],
    description:
      'Medical devices share a network with office PCs and guest systems, so malware that compromises any machine can reach the device\u2019s services and spread to it.',
    mitigations: [
      'Document required ports and flows so hospitals can segment devices into their own zones',
      'Close every listening service the device does not need',
      'Support network access control (802.1X) on the device',
    ],
    capec: [555],
  },
  {
    id: 'workstation-privilege-escalation',
    title: 'Control-station software runs with administrator rights',
    stride: 'E',
    appliesTo: ['process'],
    tags: ['hospital network'],
    description:
      'The device application on the Windows workstation runs as administrator, or the OS is unpatched, so any foothold, such as a malicious document or USB stick, becomes full control of the system.',
    mitigations: [
      'Run the application as a least-privilege service account',
      'Patch the OS and third-party components on a defined schedule',
      'Lock down local administrator accounts and use application allow-listing',
    ],
    capec: [233],
    emb3d: ['TID-219'],
  },
  {
    id: 'parser-code-execution',
    title: 'Crafted HL7/FHIR or DICOM message exploits a parser',
    stride: 'E',
    appliesTo: ['process'],
    tags: ['HL7/FHIR', 'DICOM', 'hospital network'],
    description:
      'A malformed message or image triggers a memory-safety bug in the parser, giving the attacker code execution inside the device or interface service.',
    mitigations: [
      'Use memory-safe or well-maintained parsing libraries and fuzz them',
      'Run parsers with the least privilege possible, isolated from control functions',
      'Enforce size and structure limits before parsing',
    ],
    emb3d: ['TID-327'],
  },

  // ───────────────────────────── Generic STRIDE-per-element prompts ─────────────────────────────
  // Broad entries (ids start with 'generic-') offered when nothing more specific matches an element.
  {
    id: 'generic-impersonation',
    title: 'Someone or something pretends to be this element',
    stride: 'S',
    appliesTo: ['entity', 'process'],
    tags: ['authentication'],
    description:
      'A person, device or system claims this element\u2019s identity and is believed, for example with guessed or stolen credentials or a forged sender address. Everything downstream then acts on its word.',
    mitigations: [
      'Authenticate every connection with credentials unique to each user or device',
      'Use mutual authentication between systems, not only user-to-server',
      'Alert on authentication failures and new identities',
    ],
    capec: [151],
  },
  {
    id: 'generic-unattributed-action',
    title: 'Actions cannot be traced to who performed them',
    stride: 'R',
    appliesTo: ['entity', 'process'],
    tags: ['logging'],
    description:
      'Important actions of this element are not recorded with an identity and time, so after an incident nobody can show who did what.',
    mitigations: [
      'Log security- and safety-relevant actions with identity, time and outcome',
      'Protect the log from the people whose actions it records',
      'Decide the retention period with the clinical and regulatory teams',
    ],
  },
  {
    id: 'generic-process-privilege',
    title: 'Caller gets more privilege than intended',
    stride: 'E',
    appliesTo: ['process'],
    tags: ['authentication'],
    description:
      'The process trusts its callers or its input too much, so a low-privilege user, app or message can trigger functions reserved for clinicians, technicians or administrators.',
    mitigations: [
      'Check authorization for every request inside the process, by role',
      'Run the process with least privilege so a compromise gains little',
      'Validate all input at the boundary before acting on it',
    ],
    capec: [233],
  },
  {
    id: 'generic-process-overload',
    title: 'Process crashed or overloaded by input',
    stride: 'D',
    appliesTo: ['process'],
    tags: [],
    description:
      'Malformed or excessive input makes the process hang, crash or fall behind, interrupting the clinical function it supports.',
    mitigations: [
      'Validate and bound input size and rate',
      'Fuzz test interfaces that accept external input',
      'Restart safely with a watchdog and alert when it happens',
    ],
    capec: [125],
  },
  {
    id: 'generic-data-altered-in-transit',
    title: 'Data altered in transit',
    stride: 'T',
    appliesTo: ['flow'],
    tags: [],
    description:
      'Someone positioned on the path changes, injects or replays messages on this flow, and the receiver acts on them as if they were genuine.',
    mitigations: [
      'Protect integrity with an authenticated channel (TLS with validated certificates, or message MACs)',
      'Include counters or nonces so replayed messages are rejected',
      'Validate received values against plausible ranges',
    ],
    capec: [94],
  },
  {
    id: 'generic-data-read-in-transit',
    title: 'Data read in transit',
    stride: 'I',
    appliesTo: ['flow'],
    tags: [],
    description:
      'The content of this flow can be observed by someone on the path, exposing patient data, credentials or details useful for a later attack.',
    mitigations: [
      'Encrypt the flow with current protocols and validated certificates',
      'Send only the data the receiver needs',
      'Keep credentials and keys out of message bodies and URLs',
    ],
    capec: [157],
    emb3d: ['TID-408'],
  },
  {
    id: 'generic-flow-blocked',
    title: 'Flow blocked, delayed or flooded',
    stride: 'D',
    appliesTo: ['flow'],
    tags: [],
    description:
      'Messages on this flow stop arriving, arrive late or are drowned in junk traffic. If clinical decisions or alarms depend on them, the delay can harm the patient.',
    mitigations: [
      'Detect missing or late messages and tell the user',
      'Rate-limit senders and queue with bounded size',
      'Define safe behaviour for when the flow is unavailable',
    ],
    capec: [125],
  },
  {
    id: 'generic-stored-data-altered',
    title: 'Stored data altered without detection',
    stride: 'T',
    appliesTo: ['store'],
    tags: [],
    description:
      'Records in this store are changed directly, outside the application that normally writes them, and readers cannot tell.',
    mitigations: [
      'Restrict write access to the owning service account',
      'Protect critical records with hashes, signatures or MACs and verify them on read',
      'Keep change history for critical records',
    ],
  },
  {
    id: 'generic-stored-data-read',
    title: 'Stored data read by someone who should not see it',
    stride: 'I',
    appliesTo: ['store'],
    tags: [],
    description:
      'The contents of this store can be read through weak access control, copies, exports or direct access to the media.',
    mitigations: [
      'Encrypt data at rest with keys kept apart from the data',
      'Grant read access per role and review it',
      'Limit and track exports and copies',
    ],
  },
  {
    id: 'generic-store-unavailable',
    title: 'Store full, corrupted or unavailable',
    stride: 'D',
    appliesTo: ['store'],
    tags: [],
    description:
      'The store runs out of space, is corrupted or cannot be reached, so data is lost or the processes that depend on it stop.',
    mitigations: [
      'Monitor capacity and set quotas per writer',
      'Keep tested backups and a restore procedure',
      'Define what the system does safely when the store is unavailable',
    ],
    capec: [130],
  },
];
