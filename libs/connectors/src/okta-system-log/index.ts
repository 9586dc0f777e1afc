export { oktaSystemLogFileSource, createOktaSystemLogFileSource } from './okta-system-log.file-source.js';
export { parseOktaEvent, type OktaEventOptions } from './okta-event.parser.js';
