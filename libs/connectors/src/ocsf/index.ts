export { ocsfFileSource, createOcsfFileSource } from './ocsf.file-source.js';
export { parseOcsfEvent, OCSF_ACCESS_CLASSES, type OcsfOptions } from './ocsf-event.parser.js';
