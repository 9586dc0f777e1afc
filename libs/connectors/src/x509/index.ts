export { certificateObservation, keyAlgorithm, type CertificateContext } from './certificate.mapper.js';
export { readCertificateFile, type CertificateFileEntry } from './certificate-file.reader.js';
export { CERTIFICATE_FILE_EXTENSIONS, x509FileSource } from './x509.file-source.js';
export { fetchPresentedChain, parseTlsEndpoint, type PresentedChain, type TlsEndpoint } from './tls-endpoint.js';
export { x509EndpointsConfigSchema, x509EndpointsConnector, type X509EndpointsConfig } from './x509.connector.js';
