-- Daily access rollups of connections from Amazon Security Lake (OCSF in Parquet): classes 4001 Network Activity and
-- 4002 HTTP Activity, for `postureboard ingest --source access-rollups`; security-lake-access-rollups.sql rolls up
-- sign-ins, API and Web Resources Activity (run both, each over the tables holding its classes, and ingest both).
-- Dialect: Athena engine v3 (Trino). Proven by libs/connectors/src/access-rollups/access-rollups-sql.spec.ts, which runs
-- this file unchanged in DuckDB over Parquet written from OCSF records (see docs/deploy.md, "Rollups from a data lake").
--
-- Table: `ocsf_events` stands for the Security Lake table of a source of connections (a custom source's network or
-- web-proxy table, the WAF table; replace the name, or CREATE VIEW ocsf_events AS SELECT * FROM <that table>).
-- Columns read: time (epoch ms), class_uid, actor.user, user, src_endpoint (ip, location.country, network_scope_id,
-- owner), dst_endpoint (ip, network_scope_id), connection_info.direction_id, is_src_dst_assignment_known, traffic
-- (bytes_in, bytes_out), http_request and http_response (length, body_length), and the partition column eventday
-- ('YYYYMMDD'). A column the table lacks (older OCSF versions have no network_scope_id; a flow log has no user) is
-- given as a typed NULL in the view, e.g. `CAST(NULL AS ROW(length bigint, body_length bigint)) AS http_request`:
-- NULL reads as "not given", as the connector reads an absent field. Events with no user at all (plain flow logs:
-- no actor.user, user or src_endpoint.owner) name no principal and are left out, as the connector rejects them.
--
-- Parameters (Athena: PREPARE network_rollups FROM <this file>; EXECUTE network_rollups USING ...), in order:
--   1. first eventday partition to read, 'YYYYMMDD': the day BEFORE the first day wanted (late, out-of-partition events)
--   2. last eventday partition to read, 'YYYYMMDD': the day AFTER the last day wanted
--   3. first day wanted, 'YYYY-MM-DD' (inclusive)
--   4. day after the last day wanted, 'YYYY-MM-DD' (exclusive)
-- Every day in [3, 4) comes out whole: re-running a window replaces those days' rollups, it never halves them.
--
-- Semantics: those of `--source ocsf` for the same events (libs/connectors/src/ocsf):
--   * day: the UTC day of `time` (epoch milliseconds, as OCSF specifies);
--   * principal: actor.user's email_addr, name or uid, else user's, else (a connection with no user) the initiating
--     endpoint's src_endpoint.owner; events with none are left out;
--   * credential: actor.user.credential_uid;
--   * country: src_endpoint.location.country (a code or a name); when absent, source_ip carries src_endpoint.ip (when
--     it is an address) and the connector resolves the country with its bundled GeoIP database;
--   * bytes: what left the organisation (docs/findings.md, "Data volume by source"; the connector's
--     ocsf-volume.util), by direction: inbound (client outside, server inside) traffic.bytes_in, outbound
--     traffic.bytes_out, lateral or local 0, unknown none (a request only); 4002 without traffic falls back to
--     http_response (inbound) or http_request (outbound), each length else body_length. A negative length is no
--     length; a total traffic.bytes without direction is never counted. The direction is
--     connection_info.direction_id (1 inbound, 2 outbound, 3 lateral, 4 local) unless is_src_dst_assignment_known is
--     false; else each end's network_scope_id (1 internal, 2 external), else its address (private, CGNAT,
--     loopback, link-local and IPv6 ULA addresses are inside, any other address outside); with one end known, the
--     other is taken as the opposite side (only while the source/destination assignment is known).
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
    NULLIF(trim(src_endpoint.owner.email_addr), '') AS owner_email,
    NULLIF(trim(src_endpoint.owner.name), '') AS owner_name,
    NULLIF(trim(src_endpoint.owner.uid), '') AS owner_uid,
    NULLIF(trim(actor."user".credential_uid), '') AS credential,
    NULLIF(trim(src_endpoint.location.country), '') AS country,
    NULLIF(trim(src_endpoint.ip), '') AS ip,
    NULLIF(trim(dst_endpoint.ip), '') AS dst_ip,
    src_endpoint.network_scope_id AS src_scope,
    dst_endpoint.network_scope_id AS dst_scope,
    -- Unless the source says otherwise, src is the client (the connection's initiator) and dst the server.
    COALESCE(is_src_dst_assignment_known, true) AS assignment_known,
    connection_info.direction_id AS direction_id,
    CASE WHEN traffic.bytes_in >= 0 THEN traffic.bytes_in END AS bytes_in,
    CASE WHEN traffic.bytes_out >= 0 THEN traffic.bytes_out END AS bytes_out,
    COALESCE(
      CASE WHEN http_response.length >= 0 THEN http_response.length END,
      CASE WHEN http_response.body_length >= 0 THEN http_response.body_length END) AS response_length,
    COALESCE(
      CASE WHEN http_request.length >= 0 THEN http_request.length END,
      CASE WHEN http_request.body_length >= 0 THEN http_request.body_length END) AS request_length
  FROM ocsf_events
  WHERE eventday BETWEEN ? AND ?
    AND class_uid IN (4001, 4002)
    -- Refused (status_id 2 Failure) is not use of access, as in the access query.
    AND COALESCE(status_id, 0) <> 2
), address AS (
  SELECT
    field.*,
    -- Only an address (not a host name) can be located or placed inside or outside.
    regexp_like(ip, '^((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\.){3}(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])$|^[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*$') AS ip_is_address,
    regexp_like(dst_ip, '^((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\.){3}(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])$|^[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*$') AS dst_ip_is_address
  FROM field
), place AS (
  -- Each end inside or outside the organisation: its network_scope_id, else its address (isPrivateAddress).
  SELECT
    address.*,
    CASE
      WHEN src_scope = 1 THEN 'inside'
      WHEN src_scope = 2 THEN 'outside'
      WHEN ip_is_address AND regexp_like(lower(ip), '^(::ffff:)?(10\.|127\.|172\.(1[6-9]|2[0-9]|3[01])\.|192\.168\.|100\.(6[4-9]|[7-9][0-9]|1[01][0-9]|12[0-7])\.|169\.254\.)|^::1$|^f[cd][0-9a-f]{0,2}:|^fe[89ab][0-9a-f]?:') THEN 'inside'
      WHEN ip_is_address THEN 'outside'
    END AS src_place,
    CASE
      WHEN dst_scope = 1 THEN 'inside'
      WHEN dst_scope = 2 THEN 'outside'
      WHEN dst_ip_is_address AND regexp_like(lower(dst_ip), '^(::ffff:)?(10\.|127\.|172\.(1[6-9]|2[0-9]|3[01])\.|192\.168\.|100\.(6[4-9]|[7-9][0-9]|1[01][0-9]|12[0-7])\.|169\.254\.)|^::1$|^f[cd][0-9a-f]{0,2}:|^fe[89ab][0-9a-f]?:') THEN 'inside'
      WHEN dst_ip_is_address THEN 'outside'
    END AS dst_place
  FROM address
), direction AS (
  -- Which way a connection went, as ocsf-volume.util's directionOf decides it.
  SELECT
    place.*,
    CASE
      WHEN assignment_known AND direction_id = 1 THEN 'inbound'
      WHEN assignment_known AND direction_id = 2 THEN 'outbound'
      WHEN assignment_known AND direction_id IN (3, 4) THEN 'inside'
      WHEN src_place = 'inside' AND dst_place = 'inside' THEN 'inside'
      WHEN src_place = 'inside' AND dst_place = 'outside' THEN 'outbound'
      WHEN src_place = 'outside' AND dst_place = 'inside' THEN 'inbound'
      WHEN NOT assignment_known THEN 'unknown'
      WHEN src_place = 'outside' AND dst_place IS NULL THEN 'inbound'
      WHEN src_place = 'inside' AND dst_place IS NULL THEN 'outbound'
      WHEN src_place IS NULL AND dst_place = 'inside' THEN 'inbound'
      WHEN src_place IS NULL AND dst_place = 'outside' THEN 'outbound'
      ELSE 'unknown'
    END AS direction
  FROM place
), event AS (
  SELECT
    CAST(from_unixtime(time / 1000e0) AT TIME ZONE 'UTC' AS date) AS day,
    CASE
      WHEN has_actor_user THEN COALESCE(actor_email, actor_name, actor_uid)
      WHEN has_user THEN COALESCE(user_email, user_name, user_uid)
      -- A connection's user may be only its initiating endpoint's owner.
      ELSE COALESCE(owner_email, owner_name, owner_uid)
    END AS principal,
    credential,
    country,
    CASE WHEN country IS NULL AND ip_is_address THEN ip END AS source_ip,
    CASE
      WHEN direction = 'inside' THEN 0
      WHEN direction = 'inbound' THEN COALESCE(bytes_in, CASE WHEN class_uid = 4002 THEN response_length END)
      WHEN direction = 'outbound' THEN COALESCE(bytes_out, CASE WHEN class_uid = 4002 THEN request_length END)
    END AS volume
  FROM direction
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
