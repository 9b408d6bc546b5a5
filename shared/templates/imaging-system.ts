import type { TemplateSpec } from './build';

/** Fictional hospital imaging system: scanner, Windows control station, PACS, EHR, USB-C service port. */
export const imagingSystem: TemplateSpec = {
  info: {
    id: 'imaging-system',
    title: 'Hospital imaging system (scanner and control station)',
    description:
      'A scanner ring and base driven by a Windows control station that sends DICOM images to PACS, exchanges orders with the EHR, ' +
      'and is serviced through a USB-C port and a vendor remote-service link. Two views: global system, service visit via USB.',
  },
  views: [
    {
      reuseMain: true,
      title: 'Global system view',
      kind: 'global',
      description:
        'The imaging system as installed in a hospital: the scanner and its control station, their connections to PACS and the EHR on ' +
        'the hospital network, the vendor\'s remote-service link and the USB-C service port. Assume the hospital network is hostile: ' +
        'other devices on it may be compromised.',
      boundaries: [
        { label: 'Imaging system (vendor-supplied)', description: 'Scanner, control station and their local storage.', encloses: ['imageStore', 'scanner', 'auditLog', 'control'] },
        { label: 'Hospital network', description: 'Run by hospital IT; shared with thousands of other devices.', encloses: ['pacs', 'ehr'] },
        { label: 'Vendor cloud', encloses: ['remote'] },
      ],
      nodes: [
        { key: 'imageStore', kind: 'store', holdsPatientData: true, label: 'Local image store', description: 'Studies kept on the control station until PACS confirms receipt.', at: [1, 0] },
        { key: 'scanner', kind: 'process', runsOn: 'device', label: 'Scanner ring and base', description: 'Gantry, detector and patient table firmware; acquires raw data.', at: [2, 0] },
        { key: 'auditLog', kind: 'store', isLog: true, label: 'Station audit log', description: 'Operator logins, studies opened and service actions.', at: [1, 1] },
        { key: 'control', kind: 'process', runsOn: 'hospital', label: 'Control station (Windows)', description: 'Operator console: plans scans, reconstructs images and sends them on.', at: [2, 1] },
        { key: 'pacs', kind: 'entity', label: 'PACS', description: 'Hospital picture archive; outside the vendor\'s control.', at: [3, 0] },
        { key: 'ehr', kind: 'entity', label: 'Hospital EHR', description: 'Sends scan orders and receives study status.', at: [3, 1] },
        { key: 'fieldEng', kind: 'entity', label: 'Field service engineer', description: 'Vendor technician who visits with a service laptop.', at: [1, 2] },
        { key: 'radiographer', kind: 'entity', label: 'Radiographer', description: 'Operates the scanner from the control station.', at: [2, 2] },
        { key: 'remote', kind: 'process', runsOn: 'cloud', label: 'Vendor remote service', description: 'Remote diagnostics, log collection and software patches.', at: [3, 2] },
      ],
      flows: [
        { from: 'control', to: 'scanner', label: 'Scan commands, raw data', protocol: 'other', bidirectional: true, description: 'Dedicated Ethernet link between console and gantry.' },
        { from: 'control', to: 'imageStore', label: 'Reconstructed images', protocol: 'other', bidirectional: true },
        { from: 'control', to: 'auditLog', label: 'User and service events', protocol: 'other' },
        { key: 'dicom', from: 'control', to: 'pacs', label: 'Images (C-STORE)', protocol: 'DICOM', description: 'Many PACS installations accept DICOM without TLS.' },
        { key: 'orders', from: 'ehr', to: 'control', label: 'Orders and results', protocol: 'HL7', bidirectional: true, description: 'HL7 v2 worklist orders in, FHIR study status out.' },
        { from: 'radiographer', to: 'control', label: 'Patient, scan protocol', protocol: 'other', bidirectional: true },
        { key: 'usb', from: 'fieldEng', to: 'control', label: 'Service tools', protocol: 'USB', bidirectional: true, description: 'USB-C service port on the control station.' },
        { key: 'remoteLink', from: 'remote', to: 'control', label: 'Remote support, patches', protocol: 'HTTPS', bidirectional: true, encrypted: true, authenticated: true, crossesInternet: true },
      ],
      threats: [
        {
          stride: 'T',
          title: 'Malware through the USB-C service port',
          description: 'A service laptop or stick infected elsewhere runs code on the control station, which then spreads on the hospital network.',
          elements: ['fieldEng', 'usb', 'control'],
          at: [0, 2],
        },
        {
          stride: 'I',
          title: 'Images sent to PACS in clear text',
          description: 'DICOM without TLS lets anyone on the hospital network capture patient images and the identifiers in their headers.',
          elements: ['dicom', 'pacs'],
          at: [4, 0],
        },
        {
          stride: 'T',
          title: 'Forged orders put scans on the wrong patient',
          description: 'HL7 messages are not authenticated, so a compromised host can inject or alter orders and misfile studies.',
          elements: ['orders', 'control'],
          at: [4, 1],
        },
        {
          stride: 'S',
          title: 'Fake vendor opens a remote session',
          description: 'An attacker with stolen vendor credentials connects as remote support and gets administrator rights on the station.',
          elements: ['remote', 'remoteLink'],
          at: [4, 2],
        },
      ],
    },
    {
      title: 'Security use case: service visit via USB',
      kind: 'security-use-case',
      description:
        'A field service engineer plugs a vendor laptop into the USB-C port, unlocks service mode with a one-time token from the vendor portal, ' +
        'then recalibrates and updates the scanner. Service mode can change calibration and firmware, so who may enter it and what it leaves in the log matter most.',
      boundaries: [
        { label: 'Vendor cloud', encloses: ['portal'] },
        { label: 'Service laptop (vendor-managed)', encloses: ['laptop'] },
        { label: 'Imaging system (in the hospital)', encloses: ['serviceKeys', 'calib', 'control', 'scanner', 'auditLog'] },
      ],
      nodes: [
        { key: 'portal', kind: 'process', runsOn: 'cloud', label: 'Vendor service portal', description: 'Issues work orders and one-time service tokens.', at: [1, 0] },
        { key: 'fieldEng', kind: 'entity', label: 'Field service engineer', at: [0, 1] },
        { key: 'laptop', kind: 'process', runsOn: 'other', label: 'Service laptop tools', at: [1, 1] },
        { key: 'serviceKeys', kind: 'store', label: 'Service accounts and keys', description: 'Keys that verify service tokens; stored on the control station.', at: [2, 0] },
        { key: 'control', kind: 'process', runsOn: 'hospital', label: 'Control station (service mode)', at: [2, 1] },
        { key: 'auditLog', kind: 'store', isLog: true, label: 'Station audit log', at: [2, 2] },
        { key: 'calib', kind: 'store', label: 'Calibration and configuration', description: 'Detector calibration tables and dose limits.', at: [3, 0] },
        { key: 'scanner', kind: 'process', runsOn: 'device', label: 'Scanner firmware', at: [3, 1] },
      ],
      flows: [
        { from: 'fieldEng', to: 'laptop', label: 'Service commands', protocol: 'other' },
        { from: 'laptop', to: 'portal', label: 'Work order, service token', protocol: 'HTTPS', bidirectional: true, encrypted: true, authenticated: true, crossesInternet: true },
        { key: 'usb', from: 'laptop', to: 'control', label: 'Service session', protocol: 'USB', bidirectional: true, authenticated: true, description: 'USB-C; the session starts with the one-time token.' },
        { from: 'control', to: 'serviceKeys', label: 'Verify token', protocol: 'other' },
        { key: 'calibWrite', from: 'control', to: 'calib', label: 'Calibration update', protocol: 'other' },
        { from: 'control', to: 'scanner', label: 'Firmware, test scans', protocol: 'other', bidirectional: true },
        { from: 'control', to: 'auditLog', label: 'Service actions', protocol: 'other' },
      ],
      threats: [
        {
          stride: 'T',
          title: 'Infected laptop plants malware',
          description: 'The laptop also connects to other customers\' sites; malware on it copies itself to the station during the session.',
          elements: ['laptop', 'usb'],
          at: [0, 2],
        },
        {
          stride: 'E',
          title: 'Service mode without a valid token',
          description: 'A fixed service password shared by all engineers, or a debug fallback, lets anyone with a USB-C cable reach service mode.',
          elements: ['control', 'usb', 'serviceKeys'],
          at: [1, 2],
        },
        {
          stride: 'T',
          title: 'Calibration altered outside safe limits',
          description: 'Changed calibration tables or dose limits produce misleading images or higher doses without any alarm.',
          elements: ['calib', 'calibWrite'],
          at: [4, 0],
        },
        {
          stride: 'R',
          title: 'Service changes not tied to an engineer',
          description: 'The log records "service" as the user, so after an incident nobody can tell who changed what during the visit.',
          elements: ['auditLog'],
          at: [3, 2],
        },
      ],
    },
  ],
};
