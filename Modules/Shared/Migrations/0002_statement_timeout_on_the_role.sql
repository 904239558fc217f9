-- The statement timeout every session of the product gets (30 s), set on its role in this database rather than sent as a
-- startup option: PgBouncer in transaction mode refuses startup options, and a role may set its own defaults. Sessions
-- that need longer (the migrations) set their own.
DO $$
BEGIN
    EXECUTE format('ALTER ROLE %I IN DATABASE %I SET statement_timeout = %L', current_user, current_database(), '30s');
END
$$;
