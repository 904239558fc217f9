-- The hosts' one data-protection key ring (sign-in tokens, console cookies, antiforgery, protected webhook secrets and
-- invitation codes): every host reads and adds keys here, so what one host protects every other can read, and a host
-- rebuilt from an image signs nobody out. A key is an XML element as ASP.NET Core writes it — encrypted with the
-- configured certificate (DataProtection:CertificatePath), else in clear, guarded by the database's access control.
CREATE SCHEMA IF NOT EXISTS platform;

CREATE TABLE platform.data_protection_keys (
    friendly_name text        PRIMARY KEY,
    xml           text        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);
