import type { TemplateSpec } from './build';

/** Fictional therapeutic exerciser boot with a fleet-management server and a firmware-update path. */
export const therapyBoot: TemplateSpec = {
  info: {
    id: 'therapy-boot',
    title: 'Therapeutic exerciser boot (fleet and firmware updates)',
    description:
      'A motorised ankle-exercise boot programmed from a clinician tablet over BLE, reporting to a fleet-management server and ' +
      'updated over the air from a signed build pipeline. Three views: global system, updatability, multi-patient harm.',
  },
  views: [
    {
      reuseMain: true,
      title: 'Global system view',
      kind: 'global',
      description:
        'All parts of the boot system: the boot itself with its control board, motor controller and stored therapy settings, the clinician\'s ' +
        'tablet, and the manufacturer\'s fleet, update and build services. The motor acts on the patient\'s joint, so any path that changes ' +
        'therapy settings or firmware can cause physical harm.',
      boundaries: [
        { label: 'Clinic', encloses: ['clinician', 'tablet'] },
        { label: 'Exerciser boot', description: 'Worn by the patient at home or in the clinic.', encloses: ['control', 'motor', 'settings'] },
        { label: 'Manufacturer cloud', encloses: ['fleet', 'update', 'fwStore'] },
        { label: 'Manufacturer build environment', encloses: ['pipeline'] },
      ],
      nodes: [
        { key: 'clinician', kind: 'entity', label: 'Clinician', description: 'Prescribes the therapy and reviews progress.', at: [0, 0] },
        { key: 'tablet', kind: 'process', runsOn: 'phone', label: 'Clinician tablet app', description: 'Programs therapy settings into the boot and reads session reports.', at: [1, 0] },
        { key: 'patient', kind: 'entity', label: 'Patient', at: [0, 2] },
        { key: 'control', kind: 'process', runsOn: 'device', label: 'Control board firmware', description: 'Runs the therapy programme and enforces range-of-motion and torque limits.', at: [1, 1] },
        { key: 'motor', kind: 'process', runsOn: 'device', label: 'Motor controller', description: 'Drives the motor and reports joint angle and current.', at: [1, 2] },
        { key: 'settings', kind: 'store', holdsPatientData: true, label: 'Therapy settings', description: 'Prescription, limits and session history for this patient.', at: [2, 2] },
        { key: 'fleet', kind: 'process', runsOn: 'cloud', label: 'Fleet-management server', description: 'Tracks every boot, its firmware version and usage.', at: [3, 0] },
        { key: 'update', kind: 'process', runsOn: 'cloud', label: 'Update server', description: 'Offers signed firmware to boots that are due.', at: [3, 1] },
        { key: 'fwStore', kind: 'store', label: 'Firmware image store', at: [4, 1] },
        { key: 'pipeline', kind: 'process', runsOn: 'other', label: 'Build and signing pipeline', at: [4, 2] },
        { key: 'developer', kind: 'entity', label: 'Firmware developer', at: [5, 2] },
      ],
      flows: [
        { from: 'clinician', to: 'tablet', label: 'Prescription, review', protocol: 'other', bidirectional: true },
        { key: 'ble', from: 'tablet', to: 'control', label: 'Settings, session reports', protocol: 'BLE', bidirectional: true, encrypted: true, authenticated: true },
        { from: 'tablet', to: 'fleet', label: 'Patient therapy records', protocol: 'HTTPS', bidirectional: true, encrypted: true, authenticated: true, crossesInternet: true },
        { from: 'control', to: 'fleet', label: 'Usage and fault telemetry', protocol: 'HTTPS', encrypted: true, authenticated: true, crossesInternet: true },
        { key: 'download', from: 'update', to: 'control', label: 'Firmware download', protocol: 'HTTPS', encrypted: true, authenticated: true, crossesInternet: true },
        { from: 'fleet', to: 'update', label: 'Rollout plan', protocol: 'other', encrypted: true, authenticated: true },
        { from: 'fwStore', to: 'update', label: 'Release images', protocol: 'other', encrypted: true, authenticated: true },
        { key: 'publish', from: 'pipeline', to: 'fwStore', label: 'Signed releases', protocol: 'HTTPS', encrypted: true, authenticated: true, crossesInternet: true },
        { from: 'developer', to: 'pipeline', label: 'Source commits', protocol: 'other', encrypted: true, authenticated: true },
        { key: 'motorCmd', from: 'control', to: 'motor', label: 'Torque commands, feedback', protocol: 'other', bidirectional: true },
        { from: 'control', to: 'settings', label: 'Load, save settings', protocol: 'other', bidirectional: true },
        { from: 'patient', to: 'motor', label: 'Joint motion, assist torque', protocol: 'other', bidirectional: true, description: 'Physical: the boot moves the ankle.' },
        { from: 'patient', to: 'control', label: 'Start, stop buttons', protocol: 'other' },
      ],
      threats: [
        {
          stride: 'S',
          title: 'Unpaired tablet rewrites therapy settings',
          description: 'If the boot accepts settings from any tablet in range, a stranger\'s app can change the prescription during a session.',
          elements: ['ble', 'control', 'settings'],
          at: [0, 1],
        },
        {
          stride: 'T',
          title: 'Crafted command drives the motor past safe limits',
          description: 'A torque or angle outside the prescription reaches the motor controller because limits are checked only in the tablet app.',
          elements: ['motorCmd', 'motor'],
          at: [2, 3],
        },
        {
          stride: 'I',
          title: 'Fleet server exposes therapy records',
          description: 'The fleet server holds identifiable therapy history for every patient; a weak access check or leaked key exposes them.',
          elements: ['fleet'],
          at: [4, 0],
        },
        {
          stride: 'T',
          title: 'Firmware image swapped in the store',
          description: 'Someone with write access to the image store replaces a release after signing checks were done in the pipeline only.',
          elements: ['fwStore', 'publish'],
          at: [5, 1],
        },
      ],
    },
    {
      title: 'Updatability / patchability view',
      kind: 'updatability',
      description:
        'The update path from a developer\'s commit to new firmware running on a boot: build, signing with a key held in an HSM, publishing, ' +
        'download and installation by the bootloader. The boot must reject unsigned or older images and must never install while a therapy session is running.',
      boundaries: [
        { label: 'Manufacturer build environment', encloses: ['pipeline', 'signing', 'keys'] },
        { label: 'Manufacturer cloud', encloses: ['fwStore', 'update'] },
        { label: 'Exerciser boot', encloses: ['slots', 'bootloader', 'therapy', 'counter'] },
      ],
      nodes: [
        { key: 'developer', kind: 'entity', label: 'Firmware developer', at: [0, 0] },
        { key: 'pipeline', kind: 'process', runsOn: 'other', label: 'Build pipeline (CI)', description: 'Reproducible build of the release candidate.', at: [1, 0] },
        { key: 'signing', kind: 'process', runsOn: 'other', label: 'Code-signing service', description: 'Signs approved builds; needs two-person approval.', at: [2, 0] },
        { key: 'keys', kind: 'store', label: 'Signing key (HSM)', description: 'The private key never leaves the hardware security module.', at: [2, 1] },
        { key: 'fwStore', kind: 'store', label: 'Firmware image store', at: [3, 0] },
        { key: 'update', kind: 'process', runsOn: 'cloud', label: 'Update server', at: [4, 0] },
        { key: 'slots', kind: 'store', label: 'Firmware slots A/B', description: 'The running image and the one being installed; fall back if the new one fails.', at: [3, 2] },
        { key: 'bootloader', kind: 'process', runsOn: 'device', label: 'Bootloader and update agent', description: 'Verifies the signature and version before switching slots.', at: [4, 2] },
        { key: 'therapy', kind: 'process', runsOn: 'device', label: 'Therapy firmware (running)', at: [5, 2] },
        { key: 'counter', kind: 'store', label: 'Anti-rollback counter', description: 'Lowest firmware version the boot will still accept.', at: [4, 3] },
      ],
      flows: [
        { from: 'developer', to: 'pipeline', label: 'Source commits', protocol: 'other', encrypted: true, authenticated: true },
        { from: 'pipeline', to: 'signing', label: 'Release candidate', protocol: 'other', authenticated: true },
        { from: 'keys', to: 'signing', label: 'Signing operation', protocol: 'other', bidirectional: true },
        { from: 'signing', to: 'fwStore', label: 'Signed image, manifest', protocol: 'HTTPS', encrypted: true, authenticated: true, crossesInternet: true },
        { from: 'fwStore', to: 'update', label: 'Published release', protocol: 'other', encrypted: true, authenticated: true },
        { key: 'download', from: 'update', to: 'bootloader', label: 'Manifest and image', protocol: 'HTTPS', encrypted: true, authenticated: true, crossesInternet: true },
        { from: 'bootloader', to: 'slots', label: 'Write inactive slot', protocol: 'other' },
        { key: 'busy', from: 'therapy', to: 'bootloader', label: 'Therapy-active flag', protocol: 'other' },
        { from: 'bootloader', to: 'counter', label: 'Check, raise version', protocol: 'other', bidirectional: true },
      ],
      threats: [
        {
          stride: 'I',
          title: 'Signing key copied off the build system',
          description: 'A key kept as a file on a build agent can be stolen, after which an attacker can sign firmware every boot will accept.',
          elements: ['keys', 'signing'],
          at: [1, 1],
        },
        {
          stride: 'T',
          title: 'Unsigned or wrongly signed image accepted',
          description: 'The bootloader trusts TLS to the update server and skips its own signature check, or accepts a test key left in production.',
          elements: ['bootloader', 'download'],
          at: [3, 1],
        },
        {
          stride: 'D',
          title: 'Update installs during a therapy session',
          description: 'A reboot to the new slot mid-session stops the motor at an unknown angle; installation must wait for the therapy-active flag to clear.',
          elements: ['therapy', 'bootloader', 'busy'],
          at: [5, 1],
        },
        {
          stride: 'T',
          title: 'Downgrade to an older, vulnerable image',
          description: 'A validly signed but outdated image is replayed to reopen a fixed flaw; the anti-rollback counter must refuse it.',
          elements: ['bootloader', 'counter', 'download'],
          at: [5, 3],
        },
      ],
    },
    {
      title: 'Multi-patient harm view',
      kind: 'multi-patient',
      description:
        'The shared services that reach every deployed boot at once: the fleet-management server, its database and the update server. ' +
        'A single compromise or mistake here can change therapy or disable boots for all patients, so these paths need the strongest controls.',
      boundaries: [
        { label: 'Manufacturer cloud', encloses: ['fleet', 'update', 'fleetDb'] },
        { label: 'Homes and clinics (all boots)', encloses: ['boots', 'tablets'] },
      ],
      nodes: [
        { key: 'support', kind: 'entity', label: 'Vendor support engineer', at: [0, 0] },
        { key: 'fleet', kind: 'process', runsOn: 'cloud', label: 'Fleet-management server', at: [1, 0] },
        { key: 'update', kind: 'process', runsOn: 'cloud', label: 'Update server', at: [2, 0] },
        { key: 'fleetDb', kind: 'store', holdsPatientData: true, label: 'Fleet database (all patients)', at: [1, 1] },
        { key: 'boots', kind: 'process', runsOn: 'device', label: 'Deployed boots (every patient)', at: [3, 0] },
        { key: 'tablets', kind: 'process', runsOn: 'phone', label: 'Clinician tablet apps', at: [3, 1] },
        { key: 'clinicians', kind: 'entity', label: 'Clinicians (all clinics)', at: [4, 1] },
      ],
      flows: [
        { key: 'admin', from: 'support', to: 'fleet', label: 'Admin console', protocol: 'HTTPS', bidirectional: true, encrypted: true, authenticated: true, crossesInternet: true },
        { from: 'fleet', to: 'fleetDb', label: 'Records of every boot', protocol: 'other', bidirectional: true, encrypted: true, authenticated: true },
        { from: 'fleet', to: 'update', label: 'Rollout to all boots', protocol: 'other', encrypted: true, authenticated: true },
        { key: 'rollout', from: 'update', to: 'boots', label: 'Firmware to every boot', protocol: 'HTTPS', encrypted: true, authenticated: true, crossesInternet: true },
        { key: 'remoteRx', from: 'fleet', to: 'tablets', label: 'Remote prescription changes', protocol: 'HTTPS', bidirectional: true, encrypted: true, authenticated: true, crossesInternet: true },
        { from: 'tablets', to: 'boots', label: 'Settings to each boot', protocol: 'BLE', encrypted: true, authenticated: true },
        { from: 'clinicians', to: 'tablets', label: 'Approve changes', protocol: 'other' },
      ],
      threats: [
        {
          stride: 'E',
          title: 'Hijacked fleet server pushes unsafe settings',
          description: 'An attacker with the support console changes prescriptions for every patient; tablets forward them without asking a clinician.',
          elements: ['fleet', 'admin', 'remoteRx'],
          at: [0, 1],
        },
        {
          stride: 'I',
          title: 'Fleet database leaks every therapy history',
          description: 'One stolen database credential exposes identities and therapy records of all patients using a boot.',
          elements: ['fleetDb'],
          at: [1, 2],
        },
        {
          stride: 'D',
          title: 'One bad rollout disables every boot',
          description: 'A faulty or malicious release sent to the whole fleet at once stops therapy everywhere; staged rollouts and fallback slots limit the damage.',
          elements: ['update', 'rollout'],
          at: [2, 2],
        },
      ],
    },
  ],
};
