package org.rostersync.tenant;

import jakarta.inject.Singleton;
import org.rostersync.security.ControlCharacters;
import org.rostersync.security.PasswordHasher;
import org.rostersync.security.Secrets;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Tenants, sources and API clients, and the checks of their credentials. */
@Singleton
public class TenantService {

    private final TenantStore store;
    private final SftpAccountStore accounts;
    private final ApiClientStore clients;
    private final PasswordHasher hasher;
    private final Secrets secrets;
    private final SealingKey clientSecrets;
    private final io.micronaut.context.event.ApplicationEventPublisher<SftpAccountChanged> accountChanges;

    TenantService(TenantStore store, SftpAccountStore accounts, ApiClientStore clients, PasswordHasher hasher, Secrets secrets,
                  SealingKey clientSecrets, io.micronaut.context.event.ApplicationEventPublisher<SftpAccountChanged> accountChanges) {
        this.store = store;
        this.accounts = accounts;
        this.clients = clients;
        this.clientSecrets = clientSecrets;
        this.hasher = hasher;
        this.secrets = secrets;
        this.accountChanges = accountChanges;
    }

    public Tenant createTenant(String name, Actor by) {
        return store.insertTenant(name, by);
    }

    public List<Tenant> tenants() {
        return store.tenants();
    }

    public Optional<Tenant> tenant(UUID id) {
        return store.tenant(id);
    }

    /** @throws UsernameTakenException when another source already logs in with that username */
    public Source createSource(UUID tenantId, String name, String sftpUsername, String sftpPassword, Actor by) {
        return store.insertSource(tenantId, name, sftpUsername, hasher.hash(sftpPassword), by);
    }

    public List<Source> sources(UUID tenantId) {
        return store.sources(tenantId);
    }

    public Optional<Source> source(UUID id) {
        return store.source(id);
    }

    /** The source's data requirements (its rules that differ from the defaults); empty when the source does not exist. */
    public Optional<DataRequirements> dataRequirements(UUID sourceId) {
        return store.setting(sourceId, "data_requirements", RULES, java.util.Map.of()).map(DataRequirements::new);
    }

    /** Replaces the source's data requirements, already checked against the schemas; false when the source does not exist. */
    public boolean saveDataRequirements(UUID sourceId, DataRequirements requirements, Actor by) {
        return store.saveSetting(sourceId, "data_requirements", java.util.Map.of(), requirements.rules(), by);
    }

    /** The source's safeguards; empty when the source does not exist. */
    public Optional<Safeguards> safeguards(UUID sourceId) {
        return store.setting(sourceId, "safeguards", io.micronaut.core.type.Argument.of(Safeguards.class), Safeguards.DEFAULTS);
    }

    /** Replaces the source's safeguards; false when the source does not exist. */
    public boolean saveSafeguards(UUID sourceId, Safeguards safeguards, Actor by) {
        return store.saveSetting(sourceId, "safeguards", Safeguards.DEFAULTS,
                safeguards, by);
    }

    /** The source's school mapping; empty when the source does not exist. */
    public Optional<SchoolMapping> schoolMapping(UUID sourceId) {
        return store.setting(sourceId, "school_mapping", io.micronaut.core.type.Argument.of(SchoolMapping.class), SchoolMapping.DEFAULT);
    }

    /** Replaces the source's school mapping as an operator set it; false when the source does not exist. */
    public boolean saveSchoolMapping(UUID sourceId, SchoolMapping mapping, Actor by) {
        return store.saveSetting(sourceId, "school_mapping", SchoolMapping.DEFAULT, mapping, by);
    }

    /**
     * Replaces the source's school mapping with what a run learnt (the schools it saw, when): not a person's change, so
     * the settings audit log does not record it. False when the source does not exist.
     */
    public boolean saveSchoolMapping(UUID sourceId, SchoolMapping mapping) {
        return store.learnSetting(sourceId, "school_mapping", mapping);
    }

    /** The source's attribute mapping (the attributes read from other columns); empty when the source does not exist. */
    public Optional<AttributeMapping> attributeMapping(UUID sourceId) {
        return store.setting(sourceId, "attribute_mapping", COLUMNS, java.util.Map.of()).map(AttributeMapping::new);
    }

    public boolean saveAttributeMapping(UUID sourceId, AttributeMapping mapping, Actor by) {
        return store.saveSetting(sourceId, "attribute_mapping", java.util.Map.of(), mapping.columns(), by);
    }

    private static final io.micronaut.core.type.Argument<java.util.Map<String, java.util.Map<String, String>>> COLUMNS =
            io.micronaut.core.type.Argument.mapOf(io.micronaut.core.type.Argument.STRING,
                    io.micronaut.core.type.Argument.mapOf(String.class, String.class));

    /** The stored JSON is the bare map {entity: {attribute: rule}}. */
    private static final io.micronaut.core.type.Argument<java.util.Map<String, java.util.Map<String, Requirement>>> RULES =
            io.micronaut.core.type.Argument.mapOf(io.micronaut.core.type.Argument.STRING,
                    io.micronaut.core.type.Argument.mapOf(String.class, Requirement.class));

    /** The source's schedule; empty when the source does not exist. */
    public Optional<Schedule> schedule(UUID sourceId) {
        return store.setting(sourceId, "schedule", io.micronaut.core.type.Argument.of(ScheduleSettings.class), ScheduleSettings.DEFAULTS)
                .map(ScheduleSettings::toSchedule);
    }

    /**
     * Replaces the source's schedule, and when its next timed run is (null: none), in one statement; false when the
     * source does not exist.
     */
    public boolean saveSchedule(UUID sourceId, Schedule schedule, java.time.Instant nextRunAt, Actor by) {
        return store.saveSchedule(sourceId, ScheduleSettings.of(schedule), nextRunAt, by);
    }

    /** Who hears about the source's runs; empty when the source does not exist. */
    public Optional<Notifications> notifications(UUID sourceId) {
        return store.setting(sourceId, "notifications", io.micronaut.core.type.Argument.of(NotificationSettings.class),
                NotificationSettings.DEFAULTS).map(NotificationSettings::toNotifications);
    }

    /** Replaces the source's notification settings; false when the source does not exist. */
    public boolean saveNotifications(UUID sourceId, Notifications notifications, Actor by) {
        return store.saveSetting(sourceId, "notifications",
                NotificationSettings.of(NotificationSettings.DEFAULTS.toNotifications()), NotificationSettings.of(notifications), by);
    }

    /** Who fixes the source's data at the SIS; empty when the source does not exist. */
    public Optional<VendorContacts> vendorContacts(UUID sourceId) {
        return store.setting(sourceId, "vendor_contacts", io.micronaut.core.type.Argument.of(VendorContactSettings.class),
                VendorContactSettings.DEFAULTS).map(VendorContactSettings::toVendorContacts);
    }

    /** Replaces the source's vendor contacts; false when the source does not exist. */
    public boolean saveVendorContacts(UUID sourceId, VendorContacts contacts, Actor by) {
        return store.saveSetting(sourceId, "vendor_contacts", VendorContactSettings.DEFAULTS, VendorContactSettings.of(contacts), by);
    }

    /** A source's SFTP account; empty when the source does not exist. */
    public Optional<SftpAccount> sftpAccount(UUID sourceId) {
        return accounts.sftpAccount(sourceId).map(SftpAccountStore.StoredAccount::account);
    }

    /**
     * Changes a source's SFTP account; the next login uses it, and {@link SftpAccountChanged} lets the SFTP server close
     * the sessions it no longer admits. Empty when the source does not exist.
     *
     * @throws InvalidSettingException naming the field that cannot be taken; nothing is changed then
     * @throws UsernameTakenException  when another source logs in with the username
     */
    public Optional<SftpAccount> changeSftpAccount(UUID sourceId, SftpAccountChange change, Actor by) {
        SftpAccountEdit edit = SftpAccountEdit.check(change, java.time.Instant.now());
        // hashed before the row is locked: Argon2id takes a while
        String hash = change.password() == null ? null : hasher.hash(change.password());
        Optional<SftpAccount> saved = accounts.changeSftpAccount(sourceId, current -> edit.applyTo(current, hash), by);
        saved.ifPresent(account -> accountChanges.publishEvent(new SftpAccountChanged(account)));
        return saved;
    }

    /**
     * A password login. The password is checked even when the username is unknown or has no password (against a decoy
     * hash), so that every refusal costs the same; a disabled account or an address outside its networks is refused
     * only after that.
     */
    public SftpLogin sftpPasswordLogin(String username, String password, java.net.InetAddress from) {
        Optional<SftpAccountStore.StoredAccount> stored = sftpAccount(username);
        String hash = stored.map(SftpAccountStore.StoredAccount::passwordHash).orElse(null);
        boolean matches = hasher.verify(password, hash);
        if (stored.isEmpty()) {
            return SftpLogin.refused(Optional.empty(), SftpLogin.Refusal.UNKNOWN_USERNAME);
        }
        Optional<Source> source = Optional.of(stored.get().source());
        if (!matches) {
            return SftpLogin.refused(source, hash == null ? SftpLogin.Refusal.NO_PASSWORD : SftpLogin.Refusal.WRONG_PASSWORD);
        }
        SftpAccount account = stored.get().account();
        return account.refusal(from).map(why -> SftpLogin.refused(source, why))
                .orElseGet(() -> SftpLogin.admitted(source.get(), SftpCredential.password(account.passwordChangedAt())));
    }

    /** A public key login: the key must be one of the account's (its signature is the SSH server's to check). */
    public SftpLogin sftpKeyLogin(String username, java.security.PublicKey key, java.net.InetAddress from) {
        Optional<SftpAccountStore.StoredAccount> stored = sftpAccount(username);
        if (stored.isEmpty()) {
            return SftpLogin.refused(Optional.empty(), SftpLogin.Refusal.UNKNOWN_USERNAME);
        }
        Optional<Source> source = Optional.of(stored.get().source());
        SftpAccount account = stored.get().account();
        Optional<AuthorizedKey> match = account.authorizedKeys().stream().filter(k -> k.matches(key)).findFirst();
        if (match.isEmpty()) {
            return SftpLogin.refused(source, SftpLogin.Refusal.UNKNOWN_KEY);
        }
        return account.refusal(from).map(why -> SftpLogin.refused(source, why))
                .orElseGet(() -> SftpLogin.admitted(source.get(), SftpCredential.key(match.get().fingerprint())));
    }

    /** The source whose SFTP account has this username (for the audit trail of a refused login). */
    public Optional<Source> sourceWithSftpUsername(String username) {
        return sftpAccount(username).map(SftpAccountStore.StoredAccount::source);
    }

    /**
     * The account an SFTP client names. A name with a control character is no account's (none can be made so) and is
     * not looked up: PostgreSQL would refuse its NUL as an error, which a stranger could then repeat into the log.
     */
    private Optional<SftpAccountStore.StoredAccount> sftpAccount(String username) {
        if (username == null || org.rostersync.security.ControlCharacters.refusal(username, false).isPresent()) {
            return Optional.empty();
        }
        return accounts.sftpAccountByUsername(username);
    }

    /** An API client with every scope, reading the whole tenant. */
    public NewApiClient createApiClient(UUID tenantId, Actor by) {
        return createApiClient(tenantId, ApiClientSettings.DEFAULTS, by);
    }

    /**
     * Makes an API client; its secret is answered this once and kept only as a digest and sealed.
     *
     * @throws InvalidSettingException naming the field that cannot be taken; nothing is made then
     */
    public NewApiClient createApiClient(UUID tenantId, ApiClientSettings settings, Actor by) {
        java.util.Set<UUID> sources = new java.util.HashSet<>();
        for (Source s : store.sources(tenantId)) {
            sources.add(s.id());
        }
        ApiClientSettings.Checked checked = settings.check(sources);
        String secret = secrets.newSecret();
        ApiClient client = clients.insertApiClient(tenantId, secrets.newId(), Secrets.sha256(secret), clientSecrets.box().seal(secret),
                checked, by);
        return NewApiClient.of(client, secret);
    }

    public List<ApiClient> apiClients(UUID tenantId) {
        return clients.apiClients(tenantId);
    }

    /** Deletes the tenant's client: its secret, signatures and tokens are refused from the next request on. */
    public boolean deleteApiClient(UUID tenantId, String clientId, Actor by) {
        return clients.deleteApiClient(tenantId, clientId, by);
    }

    /** The client, if it exists (not deleted) and the secret is its own. */
    public Optional<ApiClient> authenticateApiClient(String clientId, String secret) {
        return storedApiClient(clientId)
                .filter(stored -> Secrets.matches(secret, stored.secretSha256()))
                .map(ApiClientStore.StoredApiClient::client);
    }

    /** The client as it is now (empty once deleted): a token it was given earlier reads only what it may read now. */
    public Optional<ApiClient> activeApiClient(String clientId) {
        return storedApiClient(clientId).map(ApiClientStore.StoredApiClient::client);
    }

    /**
     * The client with its secret, for checking an OAuth 1.0a signature; empty when the client does not exist or was made
     * before secrets were kept sealed.
     */
    public Optional<SigningClient> signingApiClient(String clientId) {
        return storedApiClient(clientId).filter(stored -> stored.secretSealed() != null)
                .map(stored -> new SigningClient(stored.client(), clientSecrets.box().open(stored.secretSealed())));
    }

    /**
     * The client a request names (HTTP Basic, the token endpoint's form, an OAuth 1.0a consumer key), looked up only
     * when the name could be a client id: a control character (a NUL) would fail in the database, not as a wrong client.
     */
    private Optional<ApiClientStore.StoredApiClient> storedApiClient(String clientId) {
        if (clientId == null || ControlCharacters.refusal(clientId, false).isPresent()) {
            return Optional.empty();
        }
        return clients.apiClient(clientId);
    }

    /** An API client and its secret, the key of its OAuth 1.0a signatures. */
    public record SigningClient(ApiClient client, String secret) {
    }
}
