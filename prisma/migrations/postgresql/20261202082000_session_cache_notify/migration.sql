-- Every instance's cache of live sessions (lib/auth/session-cache.ts) hears of each changed "Session" or
-- "User" row on this channel (lib/auth/session-cache-listener.ts): `user:<id>` drops that user's
-- sessions; a slide (only "expires"/"lastSeenAt" changed) says `slide:<hash>:<expires ms>:<lastSeenAt ms>`,
-- so the instance that wrote it keeps its entry; `all` (TRUNCATE) empties the cache.
CREATE FUNCTION "auth_modes_session_cache_notify"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    PERFORM pg_notify('auth_modes_session_cache', 'all');
  ELSIF TG_TABLE_NAME = 'User' THEN
    PERFORM pg_notify('auth_modes_session_cache', 'user:' || OLD."id");
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM pg_notify('auth_modes_session_cache', 'user:' || OLD."userId");
  ELSIF NEW."id" = OLD."id" AND NEW."userId" = OLD."userId" AND NEW."sessionToken" = OLD."sessionToken" AND NEW."createdAt" = OLD."createdAt" THEN
    PERFORM pg_notify(
      'auth_modes_session_cache',
      'slide:' || NEW."sessionToken" || ':' || (EXTRACT(EPOCH FROM NEW."expires") * 1000)::bigint || ':' || (EXTRACT(EPOCH FROM NEW."lastSeenAt") * 1000)::bigint
    );
  ELSE
    PERFORM pg_notify('auth_modes_session_cache', 'user:' || OLD."userId");
    PERFORM pg_notify('auth_modes_session_cache', 'user:' || NEW."userId");
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "Session_session_cache_notify" AFTER UPDATE OR DELETE ON "Session"
  FOR EACH ROW EXECUTE FUNCTION "auth_modes_session_cache_notify"();
CREATE TRIGGER "Session_session_cache_truncate" AFTER TRUNCATE ON "Session"
  FOR EACH STATEMENT EXECUTE FUNCTION "auth_modes_session_cache_notify"();
CREATE TRIGGER "User_session_cache_notify" AFTER UPDATE OR DELETE ON "User"
  FOR EACH ROW EXECUTE FUNCTION "auth_modes_session_cache_notify"();
CREATE TRIGGER "User_session_cache_truncate" AFTER TRUNCATE ON "User"
  FOR EACH STATEMENT EXECUTE FUNCTION "auth_modes_session_cache_notify"();
