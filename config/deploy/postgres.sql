-- The portal's PostgreSQL role and database. Run as the postgres superuser:
--   sudo -u postgres psql -v password="$(openssl rand -base64 30)" -f config/deploy/postgres.sql
-- then DATABASE_URL=postgres://portal:PASSWORD@127.0.0.1:5432/portal.
-- The role owns its database and nothing else: no superuser, no CREATEDB.
CREATE ROLE portal LOGIN PASSWORD :'password' NOSUPERUSER NOCREATEDB NOCREATEROLE;
CREATE DATABASE portal OWNER portal ENCODING 'UTF8' LC_COLLATE 'C.UTF-8'
    LC_CTYPE 'C.UTF-8' TEMPLATE template0;
\connect portal
-- Search (migrations 0005, 0006): pg_trgm is a trusted extension, but creating it
-- here spares the migration the question.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT ALL ON SCHEMA public TO portal;
