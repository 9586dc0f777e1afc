-- Daily access rollups from Amazon Security Lake (OCSF in Parquet), for `postureboard ingest --source access-rollups`.
-- Dialect: Athena engine v3 (Trino). Proven by libs/connectors/src/access-rollups/access-rollups-sql.spec.ts, which runs
-- this file unchanged in DuckDB over Parquet written from OCSF records (see docs/deploy.md, "Rollups from a data lake").
--
-- Table: `ocsf_events` stands for the Security Lake table of the source, e.g.
--   amazon_security_lake_glue_db_us_east_1.amazon_security_lake_table_us_east_1_cloud_trail_mgmt_2_0
-- (replace the name, or CREATE VIEW ocsf_events AS SELECT * FROM <that table>). Columns read: time (epoch ms),
-- class_uid, actor.user, user, src_endpoint.ip, src_endpoint.location.country, http_response.length/body_length,
-- and the partition column eventday ('YYYYMMDD'). A source whose table has no http_response column (its events
-- carry no volume) takes `CAST(NULL AS bigint)` for `volume` below.
--
-- Parameters (Athena: PREPARE access_rollups FROM <this file>; EXECUTE access_rollups USING ...), in order:
--   1. first eventday partition to read, 'YYYYMMDD': the day BEFORE the first day wanted (late, out-of-partition events)
--   2. last eventday partition to read, 'YYYYMMDD': the day AFTER the last day wanted
--   3. first day wanted, 'YYYY-MM-DD' (inclusive)
--   4. day after the last day wanted, 'YYYY-MM-DD' (exclusive)
-- Every day in [3, 4) comes out whole: re-running a window replaces those days' rollups, it never halves them.
--
-- Semantics: those of `--source ocsf` for the same events (libs/connectors/src/ocsf):
--   * classes 3002 Authentication and 6003 API Activity;
--   * day: the UTC day of `time`;
--   * principal: for 3002 the authenticated `user` (email_addr, else actor.user's e-mail when it is the same user,
--     else name, else uid), else actor.user's email_addr, name or uid; events with none are left out;
--   * credential: actor.user.credential_uid;
--   * country: src_endpoint.location.country (a code or a name); when absent, source_ip carries src_endpoint.ip and
--     the connector resolves the country with its bundled GeoIP database;
--   * bytes: what left the organisation, by class (docs/findings.md, "Data volume by source"): 6003 the response,
--     http_response.length else http_response.body_length; 3002 none (requests only).
WITH event AS (
  SELECT
    CAST(from_unixtime(time / 1000e0) AT TIME ZONE 'UTC' AS date) AS day,
    CASE
      WHEN class_uid = 3002 AND "user" IS NOT NULL THEN COALESCE(
        "user".email_addr,
        CASE WHEN "user".uid = actor."user".uid OR "user".name = actor."user".name THEN actor."user".email_addr END,
        "user".name,
        "user".uid)
      ELSE COALESCE(actor."user".email_addr, actor."user".name, actor."user".uid, "user".email_addr, "user".name, "user".uid)
    END AS principal,
    actor."user".credential_uid AS credential,
    src_endpoint.location.country AS country,
    CASE WHEN src_endpoint.location.country IS NULL THEN src_endpoint.ip END AS source_ip,
    CASE
      WHEN class_uid = 6003 THEN COALESCE(
        CASE WHEN http_response.length >= 0 THEN http_response.length END,
        CASE WHEN http_response.body_length >= 0 THEN http_response.body_length END)
    END AS volume
  FROM ocsf_events
  WHERE eventday BETWEEN ? AND ?
    AND class_uid IN (3002, 6003)
)
SELECT
  day,
  principal,
  credential,
  country,
  source_ip,
  count(*) AS events,
  COALESCE(sum(volume), 0) AS bytes
FROM event
WHERE day >= CAST(? AS date) AND day < CAST(? AS date)
  AND principal IS NOT NULL
GROUP BY day, principal, credential, country, source_ip
ORDER BY day, principal, credential, country, source_ip
