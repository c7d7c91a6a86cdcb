-- Operators of the admin API and console.
CREATE TABLE operator (
    username      text PRIMARY KEY,
    password_hash text        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);

-- Customers, their SIS feeds, and the applications that read their roster.
CREATE TABLE tenant (
    id         uuid PRIMARY KEY,
    name       text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE source (
    id                 uuid PRIMARY KEY,
    tenant_id          uuid        NOT NULL REFERENCES tenant (id),
    name               text        NOT NULL,
    sftp_username      text        NOT NULL UNIQUE,
    sftp_password_hash text        NOT NULL,
    created_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX source_tenant ON source (tenant_id);

CREATE TABLE api_client (
    client_id     text PRIMARY KEY,
    tenant_id     uuid        NOT NULL REFERENCES tenant (id),
    secret_sha256 text        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX api_client_tenant ON api_client (tenant_id);

-- Files whose upload closed cleanly: only these belong to a delivery.
CREATE TABLE delivery_file (
    source_id   uuid        NOT NULL REFERENCES source (id),
    name        text        NOT NULL,
    size        bigint      NOT NULL,
    sha256      text        NOT NULL,
    received_at timestamptz NOT NULL,
    PRIMARY KEY (source_id, name)
);

-- Runs of the pipeline and what they found.
CREATE TABLE run (
    id          uuid PRIMARY KEY,
    tenant_id   uuid        NOT NULL REFERENCES tenant (id),
    source_id   uuid        NOT NULL REFERENCES source (id),
    status      text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    started_at  timestamptz,
    finished_at timestamptz,
    message     text
);
CREATE INDEX run_source_created ON run (source_id, created_at DESC);

CREATE TABLE run_file (
    run_id    uuid    NOT NULL REFERENCES run (id),
    position  integer NOT NULL,
    name      text    NOT NULL,
    mode      text    NOT NULL,
    rows      bigint  NOT NULL,
    inserted  bigint  NOT NULL,
    updated   bigint  NOT NULL,
    unchanged bigint  NOT NULL,
    deleted   bigint  NOT NULL,
    skipped   bigint  NOT NULL,
    errors    bigint  NOT NULL,
    warnings  bigint  NOT NULL,
    PRIMARY KEY (run_id, name)
);

CREATE TABLE run_issue (
    run_id      uuid    NOT NULL REFERENCES run (id),
    seq         integer NOT NULL,
    file        text,
    line        bigint,
    sourced_id  text,
    column_name text,
    code        text    NOT NULL,
    outcome     text    NOT NULL,
    message     text    NOT NULL,
    PRIMARY KEY (run_id, seq)
);

-- The roster. Every row is keyed by (tenant, source, sourcedId); column names are the CSV names in snake case.
CREATE TABLE roster_org (
    tenant_id          uuid        NOT NULL,
    source_id          uuid        NOT NULL,
    sourced_id         text        NOT NULL,
    status             text        NOT NULL,
    date_last_modified timestamptz NOT NULL,
    metadata           jsonb,
    name               text,
    type               text,
    identifier         text,
    parent_sourced_id  text,
    PRIMARY KEY (tenant_id, source_id, sourced_id)
);

CREATE TABLE roster_academic_session (
    tenant_id          uuid        NOT NULL,
    source_id          uuid        NOT NULL,
    sourced_id         text        NOT NULL,
    status             text        NOT NULL,
    date_last_modified timestamptz NOT NULL,
    metadata           jsonb,
    title              text,
    type               text,
    start_date         date,
    end_date           date,
    parent_sourced_id  text,
    school_year        integer,
    PRIMARY KEY (tenant_id, source_id, sourced_id)
);

CREATE TABLE roster_course (
    tenant_id              uuid        NOT NULL,
    source_id              uuid        NOT NULL,
    sourced_id             text        NOT NULL,
    status                 text        NOT NULL,
    date_last_modified     timestamptz NOT NULL,
    metadata               jsonb,
    school_year_sourced_id text,
    title                  text,
    course_code            text,
    grades                 text[],
    org_sourced_id         text,
    subjects               text[],
    subject_codes          text[],
    PRIMARY KEY (tenant_id, source_id, sourced_id)
);

CREATE TABLE roster_class (
    tenant_id          uuid        NOT NULL,
    source_id          uuid        NOT NULL,
    sourced_id         text        NOT NULL,
    status             text        NOT NULL,
    date_last_modified timestamptz NOT NULL,
    metadata           jsonb,
    title              text,
    grades             text[],
    course_sourced_id  text,
    class_code         text,
    class_type         text,
    location           text,
    school_sourced_id  text,
    term_sourced_ids   text[],
    subjects           text[],
    subject_codes      text[],
    periods            text[],
    PRIMARY KEY (tenant_id, source_id, sourced_id)
);

CREATE TABLE roster_user (
    tenant_id          uuid        NOT NULL,
    source_id          uuid        NOT NULL,
    sourced_id         text        NOT NULL,
    status             text        NOT NULL,
    date_last_modified timestamptz NOT NULL,
    metadata           jsonb,
    enabled_user       boolean,
    org_sourced_ids    text[],
    role               text,
    username           text,
    user_ids           jsonb,
    given_name         text,
    family_name        text,
    middle_name        text,
    identifier         text,
    email              text,
    sms                text,
    phone              text,
    agent_sourced_ids  text[],
    grades             text[],
    PRIMARY KEY (tenant_id, source_id, sourced_id)
);

CREATE TABLE roster_demographics (
    tenant_id                                  uuid        NOT NULL,
    source_id                                  uuid        NOT NULL,
    sourced_id                                 text        NOT NULL,
    status                                     text        NOT NULL,
    date_last_modified                         timestamptz NOT NULL,
    metadata                                   jsonb,
    birth_date                                 date,
    sex                                        text,
    american_indian_or_alaska_native           boolean,
    asian                                      boolean,
    black_or_african_american                  boolean,
    native_hawaiian_or_other_pacific_islander  boolean,
    white                                      boolean,
    demographic_race_two_or_more_races         boolean,
    hispanic_or_latino_ethnicity               boolean,
    country_of_birth_code                      text,
    state_of_birth_abbreviation                text,
    city_of_birth                              text,
    public_school_residence_status             text,
    PRIMARY KEY (tenant_id, source_id, sourced_id)
);

CREATE TABLE roster_enrollment (
    tenant_id          uuid        NOT NULL,
    source_id          uuid        NOT NULL,
    sourced_id         text        NOT NULL,
    status             text        NOT NULL,
    date_last_modified timestamptz NOT NULL,
    metadata           jsonb,
    class_sourced_id   text,
    school_sourced_id  text,
    user_sourced_id    text,
    role               text,
    "primary"          boolean,
    begin_date         date,
    end_date           date,
    PRIMARY KEY (tenant_id, source_id, sourced_id)
);

-- The API pages a tenant's records in sourcedId order, across its sources.
CREATE INDEX roster_org_page ON roster_org (tenant_id, sourced_id);
CREATE INDEX roster_academic_session_page ON roster_academic_session (tenant_id, sourced_id);
CREATE INDEX roster_course_page ON roster_course (tenant_id, sourced_id);
CREATE INDEX roster_class_page ON roster_class (tenant_id, sourced_id);
CREATE INDEX roster_user_page ON roster_user (tenant_id, sourced_id);
CREATE INDEX roster_demographics_page ON roster_demographics (tenant_id, sourced_id);
CREATE INDEX roster_enrollment_page ON roster_enrollment (tenant_id, sourced_id);
