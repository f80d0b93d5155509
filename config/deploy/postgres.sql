-- The portal's PostgreSQL role and database. Run as the postgres superuser:
--   sudo -u postgres psql -v role=portal -v database=portal \
--        -v password="$(openssl rand -base64 30)" -f config/deploy/postgres.sql
-- then DATABASE_URL=postgres://portal:PASSWORD@127.0.0.1:5432/portal.
-- The role owns its database and nothing else: no superuser, no CREATEDB.
\set ON_ERROR_STOP on
CREATE ROLE :"role" LOGIN PASSWORD :'password' NOSUPERUSER NOCREATEDB NOCREATEROLE;
CREATE DATABASE :"database" OWNER :"role" ENCODING 'UTF8' LC_COLLATE 'C.UTF-8'
    LC_CTYPE 'C.UTF-8' TEMPLATE template0;
\connect :"database"
-- Search (migrations 0005, 0006) uses pg_trgm: trusted, but made here once.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT ALL ON SCHEMA public TO :"role";
ALTER SCHEMA public OWNER TO :"role";
