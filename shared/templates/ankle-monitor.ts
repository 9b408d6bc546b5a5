import type { TemplateSpec } from './build';

/** Fictional home ankle monitor that predicts stroke risk from gait (after the Playbook's example system). */
export const ankleMonitor: TemplateSpec = {
  info: {
    id: 'ankle-monitor',
    title: 'Home ankle monitor (stroke prediction)',
    description:
      'A wearable ankle sensor sends gait data over BLE to patient and caregiver phone apps, which sync with a cloud service, ' +
      'analytics back end and patient and clinician portals. Three views: global system, multi-patient harm, pairing a new phone.',
  },
  views: [
    {
      reuseMain: true,
      title: 'Global system view',
      kind: 'global',
      description:
        'Every part of the ankle monitor and every connection between them: the sensor and phones in the patient\'s home, ' +
        'the vendor\'s cloud service, and the clinician at the clinic. Flows that cross a boundary, above all BLE pairing and ' +
        'uploads over the internet, are where to look first.',
      boundaries: [
        { label: "Patient's home", description: 'Sensor and phones; the home Wi-Fi and the phones are not under the vendor\'s control.', encloses: ['sensor', 'deviceStore', 'patientApp', 'caregiverApp'] },
        { label: 'Cloud provider (vendor tenancy)', description: 'Hosted by a public cloud provider; the vendor runs the services.', encloses: ['patientPortal', 'clinicianPortal', 'cloudApi', 'analytics', 'auditLog', 'patientDb'] },
        { label: 'Hospital / clinic', encloses: ['clinician'] },
      ],
      nodes: [
        { key: 'patient', kind: 'entity', label: 'Patient', description: 'Wears the sensor on the ankle and uses the phone app and web portal.', at: [1, 0] },
        { key: 'sensor', kind: 'process', runsOn: 'device', label: 'Ankle sensor firmware', description: 'Samples motion and gait, runs a first risk check and raises local alerts.', at: [1, 1] },
        { key: 'deviceStore', kind: 'store', holdsPatientData: true, label: 'On-sensor reading buffer', description: 'Flash memory holding readings until a phone collects them.', at: [1, 2] },
        { key: 'patientApp', kind: 'process', runsOn: 'phone', label: 'Patient phone app', description: 'Collects readings from the sensor, shows risk status and uploads to the cloud.', at: [2, 1] },
        { key: 'caregiverApp', kind: 'process', runsOn: 'phone', label: 'Caregiver app', description: 'Receives alerts from the sensor when nearby and from the cloud when away.', at: [2, 2] },
        { key: 'caregiver', kind: 'entity', label: 'Caregiver', description: 'Family member or home nurse who responds to alerts.', at: [2, 3] },
        { key: 'patientPortal', kind: 'process', runsOn: 'cloud', label: 'Patient portal', description: 'Web site where patients see their history and manage consent.', at: [3, 0] },
        { key: 'clinicianPortal', kind: 'process', runsOn: 'cloud', label: 'Clinician portal', description: 'Web site where clinicians review risk trends of their patients.', at: [4, 0] },
        { key: 'cloudApi', kind: 'process', runsOn: 'cloud', label: 'Cloud API', description: 'Authenticates apps and portals, accepts uploads and sends alerts.', at: [3, 1] },
        { key: 'analytics', kind: 'process', runsOn: 'cloud', label: 'Analytics back end', description: 'Runs the stroke-risk model over each patient\'s readings.', at: [4, 1] },
        { key: 'auditLog', kind: 'store', isLog: true, label: 'Audit log', description: 'Who read or changed which patient record, and when.', at: [3, 2] },
        { key: 'patientDb', kind: 'store', holdsPatientData: true, label: 'Patient database', description: 'Readings, risk scores and accounts of every enrolled patient.', at: [4, 2] },
        { key: 'clinician', kind: 'entity', label: 'Clinician', description: 'Reviews risk trends and decides on follow-up.', at: [5, 0] },
      ],
      flows: [
        { from: 'patient', to: 'sensor', label: 'Gait and motion', protocol: 'other', description: 'Physical: the sensor is strapped to the ankle.' },
        { from: 'patient', to: 'patientApp', label: 'Symptoms, risk status', protocol: 'other', bidirectional: true },
        { from: 'patient', to: 'patientPortal', label: 'History, consent', protocol: 'HTTPS', bidirectional: true, encrypted: true, authenticated: true, crossesInternet: true },
        { from: 'sensor', to: 'deviceStore', label: 'Buffered readings', protocol: 'other', bidirectional: true },
        { key: 'bleReadings', from: 'sensor', to: 'patientApp', label: 'Readings, settings', protocol: 'BLE', bidirectional: true, encrypted: true, authenticated: true },
        { from: 'sensor', to: 'caregiverApp', label: 'Nearby alerts', protocol: 'BLE', encrypted: true, authenticated: true },
        { from: 'caregiver', to: 'caregiverApp', label: 'Alerts, acknowledgement', protocol: 'other', bidirectional: true },
        { key: 'upload', from: 'patientApp', to: 'cloudApi', label: 'Reading upload', protocol: 'HTTPS', encrypted: true, authenticated: true, crossesInternet: true },
        { from: 'cloudApi', to: 'caregiverApp', label: 'Remote alerts', protocol: 'HTTPS', encrypted: true, authenticated: true, crossesInternet: true },
        { from: 'patientPortal', to: 'cloudApi', label: 'Patient queries', protocol: 'HTTPS', bidirectional: true, encrypted: true, authenticated: true },
        { from: 'clinicianPortal', to: 'cloudApi', label: 'Clinician queries', protocol: 'HTTPS', bidirectional: true, encrypted: true, authenticated: true },
        { from: 'clinician', to: 'clinicianPortal', label: 'Risk review', protocol: 'HTTPS', bidirectional: true, encrypted: true, authenticated: true, crossesInternet: true },
        { from: 'cloudApi', to: 'analytics', label: 'New readings', protocol: 'HTTPS', encrypted: true, authenticated: true },
        { from: 'analytics', to: 'patientDb', label: 'Readings, risk scores', protocol: 'other', bidirectional: true, encrypted: true, authenticated: true },
        { from: 'cloudApi', to: 'patientDb', label: 'Patient records', protocol: 'other', bidirectional: true, encrypted: true, authenticated: true },
        { from: 'cloudApi', to: 'auditLog', label: 'Access events', protocol: 'other', encrypted: true, authenticated: true },
      ],
      threats: [
        {
          stride: 'S',
          title: 'Rogue app pairs with the sensor',
          description: 'An app on a stranger\'s phone in BLE range pairs with the sensor while it advertises, then reads readings or changes settings.',
          elements: ['sensor', 'bleReadings'],
          at: [0, 1],
        },
        {
          stride: 'I',
          title: 'Readings read from a lost sensor',
          description: 'Someone who finds or steals a sensor dumps the flash buffer and recovers unencrypted health readings.',
          elements: ['deviceStore'],
          at: [0, 2],
        },
        {
          stride: 'R',
          title: 'Audit log editable by the admins it records',
          description: 'Cloud administrators who can read patient records can also delete log entries, so misuse cannot be proven afterwards.',
          elements: ['auditLog'],
          at: [3, 3],
        },
        {
          stride: 'E',
          title: 'Clinician sees patients of another clinic',
          description: 'The API checks that a clinician is signed in but not that the patient belongs to their clinic, so changing a patient id in a request exposes other records.',
          elements: ['clinicianPortal', 'cloudApi'],
          at: [5, 1],
        },
      ],
    },
    {
      title: 'Multi-patient harm view',
      kind: 'multi-patient',
      description:
        'The cloud side, where every enrolled patient\'s data and alerts pass through the same services. ' +
        'One compromise here, a stolen clinician login, a poisoned risk model or an outage, reaches all patients at once, ' +
        'unlike an attack on one sensor.',
      boundaries: [
        { label: "Patients' homes (all patients)", encloses: ['patientApps', 'caregiverApps'] },
        { label: 'Cloud provider (vendor tenancy)', encloses: ['clinicianPortal', 'cloudApi', 'auditLog', 'analytics', 'patientDb'] },
      ],
      nodes: [
        { key: 'clinicians', kind: 'entity', label: 'Clinicians (all clinics)', at: [0, 0] },
        { key: 'patientApps', kind: 'process', runsOn: 'phone', label: 'Patient apps (every patient)', at: [0, 1] },
        { key: 'caregiverApps', kind: 'process', runsOn: 'phone', label: 'Caregiver apps (every patient)', at: [0, 2] },
        { key: 'clinicianPortal', kind: 'process', runsOn: 'cloud', label: 'Clinician portal', at: [1, 0] },
        { key: 'cloudApi', kind: 'process', runsOn: 'cloud', label: 'Cloud API', at: [1, 1] },
        { key: 'auditLog', kind: 'store', isLog: true, label: 'Audit log', at: [1, 2] },
        { key: 'analytics', kind: 'process', runsOn: 'cloud', label: 'Analytics back end (risk model)', at: [2, 1] },
        { key: 'patientDb', kind: 'store', holdsPatientData: true, label: 'Patient database (all patients)', at: [2, 2] },
        { key: 'ops', kind: 'entity', label: 'Vendor operations engineer', description: 'Deploys new risk models and configuration.', at: [3, 1] },
      ],
      flows: [
        { key: 'clinicianLogin', from: 'clinicians', to: 'clinicianPortal', label: 'Sign-in, risk review', protocol: 'HTTPS', bidirectional: true, encrypted: true, authenticated: true, crossesInternet: true },
        { from: 'patientApps', to: 'cloudApi', label: 'Readings from every patient', protocol: 'HTTPS', encrypted: true, authenticated: true, crossesInternet: true },
        { key: 'alerts', from: 'cloudApi', to: 'caregiverApps', label: 'Stroke-risk alerts', protocol: 'HTTPS', encrypted: true, authenticated: true, crossesInternet: true },
        { from: 'clinicianPortal', to: 'cloudApi', label: 'Queries for any patient', protocol: 'HTTPS', bidirectional: true, encrypted: true, authenticated: true },
        { from: 'cloudApi', to: 'analytics', label: 'Readings to score', protocol: 'HTTPS', encrypted: true, authenticated: true },
        { from: 'analytics', to: 'patientDb', label: 'Risk scores', protocol: 'other', bidirectional: true, encrypted: true, authenticated: true },
        { from: 'cloudApi', to: 'auditLog', label: 'Access events', protocol: 'other', encrypted: true, authenticated: true },
        { key: 'deploy', from: 'ops', to: 'analytics', label: 'Model deployment', protocol: 'HTTPS', encrypted: true, authenticated: true, crossesInternet: true },
      ],
      threats: [
        {
          stride: 'S',
          title: 'Stolen clinician login opens every patient',
          description: 'A phished clinician password without a second factor gives an attacker the portal, and through it the records of all patients the clinic follows.',
          elements: ['clinicianPortal', 'clinicianLogin'],
          at: [2, 0],
        },
        {
          stride: 'T',
          title: 'Poisoned risk model deployed',
          description: 'A tampered model pushed through the deployment path quietly scores every patient as low risk, so no stroke warnings are sent.',
          elements: ['analytics', 'deploy'],
          at: [3, 2],
        },
        {
          stride: 'I',
          title: 'Bulk export of the patient database',
          description: 'A leaked database credential or a misconfigured storage bucket exposes the readings and identities of all enrolled patients.',
          elements: ['patientDb'],
          at: [2, 3],
        },
        {
          stride: 'D',
          title: 'Cloud outage silences all remote alerts',
          description: 'If the API is down or flooded, no caregiver away from the patient receives an alert; the apps should say that they are offline.',
          elements: ['cloudApi', 'alerts'],
          at: [0, 3],
        },
      ],
    },
    {
      title: 'Security use case: pairing a new phone',
      kind: 'security-use-case',
      description:
        'The patient replaces their phone, puts the sensor in pairing mode and signs in to the app, which binds the new phone to their account. ' +
        'While pairing mode is open, any device in radio range can try to pair, and the old phone should lose its access.',
      boundaries: [
        { label: "Patient's home", encloses: ['sensor', 'newApp', 'bondStore'] },
        { label: 'Cloud provider (vendor tenancy)', encloses: ['cloudApi', 'registry', 'auditLog'] },
      ],
      nodes: [
        { key: 'patient', kind: 'entity', label: 'Patient', at: [1, 0] },
        { key: 'attacker', kind: 'entity', label: 'Unknown BLE device in range', description: 'Any phone or radio within about ten metres of the sensor.', at: [0, 1] },
        { key: 'sensor', kind: 'process', runsOn: 'device', label: 'Ankle sensor (pairing mode)', at: [1, 1] },
        { key: 'newApp', kind: 'process', runsOn: 'phone', label: 'Patient app on new phone', at: [2, 1] },
        { key: 'bondStore', kind: 'store', label: 'Sensor bonding keys', description: 'Long-term keys of the phones the sensor trusts.', at: [1, 2] },
        { key: 'cloudApi', kind: 'process', runsOn: 'cloud', label: 'Cloud API', at: [3, 1] },
        { key: 'registry', kind: 'store', holdsPatientData: true, label: 'Device–patient registry', description: 'Which sensor and which phones belong to which patient.', at: [3, 2] },
        { key: 'auditLog', kind: 'store', isLog: true, label: 'Audit log', at: [4, 1] },
      ],
      flows: [
        { from: 'patient', to: 'sensor', label: 'Hold button: pairing mode', protocol: 'other' },
        { from: 'patient', to: 'newApp', label: 'Sign-in, pairing code', protocol: 'other' },
        { key: 'rogue', from: 'attacker', to: 'sensor', label: 'Unsolicited pairing requests', protocol: 'BLE' },
        { key: 'pairing', from: 'sensor', to: 'newApp', label: 'Passkey pairing', protocol: 'BLE', bidirectional: true, encrypted: true, authenticated: true, description: 'LE Secure Connections with a passkey entered in the app.' },
        { from: 'sensor', to: 'bondStore', label: 'Save new bond', protocol: 'other' },
        { key: 'register', from: 'newApp', to: 'cloudApi', label: 'Register phone', protocol: 'HTTPS', encrypted: true, authenticated: true, crossesInternet: true },
        { from: 'cloudApi', to: 'registry', label: 'Bind phone, revoke old', protocol: 'other', bidirectional: true, encrypted: true, authenticated: true },
        { from: 'cloudApi', to: 'auditLog', label: 'Pairing events', protocol: 'other', encrypted: true, authenticated: true },
      ],
      threats: [
        {
          stride: 'D',
          title: 'Pairing-request flood drains the battery',
          description: 'A device repeating pairing requests keeps the radio awake, draining the battery and blocking the real phone from connecting.',
          elements: ['sensor', 'rogue'],
          at: [0, 0],
        },
        {
          stride: 'S',
          title: 'Nearby device pairs first',
          description: 'If pairing uses "just works" without a passkey, a device in range can complete pairing before the patient\'s phone and receive the readings.',
          elements: ['sensor', 'rogue', 'pairing'],
          at: [0, 2],
        },
        {
          stride: 'E',
          title: 'Lost old phone keeps its access',
          description: 'The old phone\'s bond and cloud token stay valid after the new phone registers, so whoever holds it can still read data and change settings.',
          elements: ['registry', 'cloudApi', 'register'],
          at: [4, 2],
        },
        {
          stride: 'R',
          title: 'No record of which phone was paired',
          description: 'Without a logged pairing event, nobody can later tell when an unknown phone was added to a patient\'s account.',
          elements: ['auditLog'],
          at: [4, 0],
        },
      ],
    },
  ],
};
