-- Daily access rollups from Amazon Security Lake (OCSF in Parquet), for `postureboard ingest --source access-rollups`.
-- Dialect: Athena engine v3 (Trino). Proven by libs/connectors/src/access-rollups/access-rollups-sql.spec.ts, which runs
-- this file unchanged in DuckDB over Parquet written from OCSF records (see docs/deploy.md, "Rollups from a data lake").
--
-- Table: `ocsf_events` stands for the Security Lake table of the source, e.g.
--   amazon_security_lake_glue_db_us_east_1.amazon_security_lake_table_us_east_1_cloud_trail_mgmt_2_0
-- (replace the name, or CREATE VIEW ocsf_events AS SELECT * FROM <that table>). Columns read: time (epoch ms),
-- class_uid, status_id, actor.user, user, src_endpoint.ip, src_endpoint.location.country, http_response.length/body_length,
-- and the partition column eventday ('YYYYMMDD'). A source whose table has no http_response column (its events
-- carry no volume) takes `CAST(NULL AS bigint)` for `volume` below. Connections (4001 Network Activity, 4002 HTTP
-- Activity), whose volume depends on their direction, are rolled up by security-lake-network-rollups.sql.
--
-- Parameters (Athena: PREPARE access_rollups FROM <this file>; EXECUTE access_rollups USING ...), in order:
--   1. first eventday partition to read, 'YYYYMMDD': the day BEFORE the first day wanted (late, out-of-partition events)
--   2. last eventday partition to read, 'YYYYMMDD': the day AFTER the last day wanted
--   3. first day wanted, 'YYYY-MM-DD' (inclusive)
--   4. day after the last day wanted, 'YYYY-MM-DD' (exclusive)
-- Every day in [3, 4) comes out whole: re-running a window replaces those days' rollups, it never halves them.
--
-- Semantics: those of `--source ocsf` for the same events (libs/connectors/src/ocsf):
--   * classes 3002 Authentication, 6001 Web Resources Activity and 6003 API Activity;
--   * day: the UTC day of `time` (epoch milliseconds, as OCSF specifies);
--   * principal: for 3002 the authenticated `user` (email_addr, else actor.user's e-mail when it is the same user,
--     else name, else uid), else actor.user's email_addr, name or uid, else user's; events with none are left out
--     (the connector rejects them). src_endpoint.owner is not read (CloudTrail's tables have no such field): an API
--     or web event with no user but its endpoint's owner, which the connector attributes to the owner, is left out
--     (security-lake-network-rollups.sql reads the owner of connections);
--   * credential: actor.user.credential_uid;
--   * country: src_endpoint.location.country (a code or a name); when absent, source_ip carries src_endpoint.ip (when
--     it is an address) and the connector resolves the country with its bundled GeoIP database;
--   * bytes: what left the organisation, by class (docs/findings.md, "Data volume by source"): 6003 the response,
--     http_response.length else http_response.body_length; 6001 likewise (its http_response, OCSF 1.1+); 3002 none
--     (requests only);
--   * refused attempts are left out: status_id 2 (Failure) is not use of access (the connector stores such events as
--     evidence, never as activity). Security Lake always normalises status_id; the connector also reads the caption
--     `status` "Failure" of an event without one, which this query does not (not every table has the column).
WITH field AS (
  -- Blank text is no value, as the connectors read it.
  SELECT
    time,
    class_uid,
    "user" IS NOT NULL AS has_user,
    actor."user" IS NOT NULL AS has_actor_user,
    NULLIF(trim("user".email_addr), '') AS user_email,
    NULLIF(trim("user".name), '') AS user_name,
    NULLIF(trim("user".uid), '') AS user_uid,
    NULLIF(trim(actor."user".email_addr), '') AS actor_email,
    NULLIF(trim(actor."user".name), '') AS actor_name,
    NULLIF(trim(actor."user".uid), '') AS actor_uid,
    NULLIF(trim(actor."user".credential_uid), '') AS credential,
    NULLIF(trim(src_endpoint.location.country), '') AS country,
    NULLIF(trim(src_endpoint.ip), '') AS ip,
    CASE
      WHEN class_uid IN (6001, 6003) THEN COALESCE(
        CASE WHEN http_response.length >= 0 THEN http_response.length END,
        CASE WHEN http_response.body_length >= 0 THEN http_response.body_length END)
    END AS volume
  FROM ocsf_events
  WHERE eventday BETWEEN ? AND ?
    AND class_uid IN (3002, 6001, 6003)
    AND COALESCE(status_id, 0) <> 2
), event AS (
  SELECT
    CAST(from_unixtime(time / 1000e0) AT TIME ZONE 'UTC' AS date) AS day,
    CASE
      -- A sign-in names who signed in in `user`; its actor.user may carry the same person's e-mail.
      WHEN class_uid = 3002 AND has_user THEN COALESCE(
        user_email,
        CASE WHEN user_uid = actor_uid OR user_name = actor_name THEN actor_email END,
        user_name,
        user_uid)
      WHEN has_actor_user THEN COALESCE(actor_email, actor_name, actor_uid)
      ELSE COALESCE(user_email, user_name, user_uid)
    END AS principal,
    credential,
    country,
    -- Only an address (not a host name) can be located.
    CASE WHEN country IS NULL AND regexp_like(ip, '^((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\.){3}(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])$|^[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*$') THEN ip END AS source_ip,
    volume
  FROM field
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
