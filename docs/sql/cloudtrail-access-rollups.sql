-- Daily access rollups from raw CloudTrail logs in Athena, for `postureboard ingest --source access-rollups`.
-- Dialect: Athena engine v3 (Trino). Proven by libs/connectors/src/access-rollups/access-rollups-sql.spec.ts, which runs
-- this file unchanged in DuckDB over Parquet written from CloudTrail records (see docs/deploy.md).
--
-- Table: `cloudtrail_logs` as Athena's documentation creates it for a trail (CREATE EXTERNAL TABLE cloudtrail_logs
-- (eventversion STRING, useridentity STRUCT<type, principalid, arn, accountid, invokedby, accesskeyid, username,
-- onbehalfof STRUCT<userid, identitystorearn>, ...>, eventtime STRING, ..., sourceipaddress STRING, ...,
-- additionaleventdata STRING, ...)). Add your partition predicate (e.g. `timestamp BETWEEN '2026/10/31' AND
-- '2026/11/02'` with partition projection, or region/year/month/day) to the WHERE clause of `event` so Athena
-- reads only those days.
--
-- Parameters, in order: 1. first day wanted 'YYYY-MM-DD' (inclusive); 2. the day after the last day wanted
-- (exclusive). Every day in the window comes out whole.
--
-- Semantics: those of `--source cloudtrail` for the same records (libs/connectors/src/cloudtrail):
--   * day: the UTC day of eventtime;
--   * principal: `root` for the root user, else userName, arn, principalId, additionalEventData.UserName,
--     onBehalfOf.userId (IAM Identity Center), invokedBy; records with none are left out;
--   * credential: useridentity.accesskeyid;
--   * country: none in CloudTrail: source_ip carries sourceIPAddress when it is an address (not an AWS service's host
--     name) and the connector resolves the country with its bundled GeoIP database;
--   * bytes: additionalEventData.bytesTransferredOut (S3 data events; integer, float or string, either key case),
--     never bytesTransferredIn; management events have none (requests only);
--   * refused attempts are left out: a record with an errorCode (AccessDenied, ...) or a console sign-in answered
--     `"ConsoleLogin": "Failure"` is not use of access (the connector stores such events as evidence, never as activity).
WITH event AS (
  SELECT
    CAST(from_iso8601_timestamp(eventtime) AT TIME ZONE 'UTC' AS date) AS day,
    CASE
      WHEN trim(useridentity.type) = 'Root' THEN 'root'
      ELSE COALESCE(
        NULLIF(trim(useridentity.username), ''),
        NULLIF(trim(useridentity.arn), ''),
        NULLIF(trim(useridentity.principalid), ''),
        NULLIF(trim(json_extract_scalar(additionaleventdata, '$.UserName')), ''),
        NULLIF(trim(useridentity.onbehalfof.userid), ''),
        NULLIF(trim(useridentity.invokedby), ''))
    END AS principal,
    NULLIF(trim(useridentity.accesskeyid), '') AS credential,
    CASE WHEN regexp_like(trim(sourceipaddress), '^((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\.){3}(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])$|^[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*$') THEN trim(sourceipaddress) END AS source_ip,
    TRY_CAST(COALESCE(
      json_extract_scalar(additionaleventdata, '$.bytesTransferredOut'),
      json_extract_scalar(additionaleventdata, '$.BytesTransferredOut')) AS double) AS volume
  FROM cloudtrail_logs
  WHERE eventtime >= ? AND eventtime < ?
    AND NULLIF(trim(errorcode), '') IS NULL
    AND COALESCE(trim(json_extract_scalar(responseelements, '$.ConsoleLogin')), '') <> 'Failure'
)
SELECT
  day,
  principal,
  credential,
  CAST(NULL AS varchar) AS country,
  source_ip,
  count(*) AS events,
  COALESCE(sum(CASE WHEN volume >= 0 THEN CAST(round(volume) AS bigint) END), 0) AS bytes
FROM event
WHERE principal IS NOT NULL
GROUP BY day, principal, credential, source_ip
ORDER BY day, principal, credential, source_ip
