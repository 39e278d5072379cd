-- Servers cache who a token stands for (issue 12: authentication on every request without a query).
-- Any change to users, tokens or regions, by any process (or by hand in psql), notifies them at commit,
-- so that a revoked token or a disabled user stops working at once everywhere.
CREATE FUNCTION matterflow_auth_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('matterflow_auth', TG_TABLE_NAME);
  RETURN NULL;
END;
$$;

CREATE TRIGGER users_auth_changed AFTER UPDATE OR DELETE ON users FOR EACH STATEMENT EXECUTE FUNCTION matterflow_auth_changed();
CREATE TRIGGER api_tokens_auth_changed AFTER UPDATE OR DELETE ON api_tokens FOR EACH STATEMENT EXECUTE FUNCTION matterflow_auth_changed();
CREATE TRIGGER regions_auth_changed AFTER UPDATE OR DELETE ON regions FOR EACH STATEMENT EXECUTE FUNCTION matterflow_auth_changed();
