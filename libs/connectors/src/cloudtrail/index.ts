export { cloudTrailFileSource, createCloudTrailFileSource } from './cloudtrail.file-source.js';
export { cloudTrailS3Connector, cloudTrailS3ConfigSchema, type CloudTrailS3Config } from './cloudtrail-s3.connector.js';
export { parseCloudTrailRecord, unwrapCloudTrail, type CloudTrailOptions } from './cloudtrail-record.parser.js';
