package org.rostersync.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.net.URI;

/**
 * Where deliveries and run archives live: the data directory (the default), or S3-compatible object storage that
 * several instances without a shared disk read alike. Blank strings count as not set.
 *
 * @param endpoint        the object storage's URL ({@code https://s3.eu-west-1.amazonaws.com}, a MinIO's address);
 *                        blank: deliveries and archives stay on the local disk
 * @param bucket          the bucket; it must exist
 * @param region          the bucket's region (any name for a server that has none)
 * @param accessKeyId     the access key's id
 * @param secretAccessKey the access key's secret
 * @param prefix          prepended to every object's key, so that several hubs can share a bucket; blank: none
 * @param pathStyle       addresses of the form {@code endpoint/bucket/key} rather than {@code bucket.endpoint/key}
 *                        (MinIO, s3proxy and most servers that are not AWS need it)
 */
@ConfigurationProperties("rostersync.storage")
public record StorageConfig(@Nullable String endpoint, @Nullable String bucket, @Nullable String region,
                            @Nullable String accessKeyId, @Nullable String secretAccessKey, @Nullable String prefix,
                            @Bindable(defaultValue = "true") boolean pathStyle) {

    public StorageConfig {
        if (isSet(endpoint)) {
            URI uri;
            try {
                uri = URI.create(endpoint.strip());
            } catch (IllegalArgumentException e) {
                throw new StartupRefusal("rostersync.storage.endpoint (ROSTERSYNC_STORAGE_S3_ENDPOINT) is not a URL: " + endpoint);
            }
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new StartupRefusal("rostersync.storage.endpoint (ROSTERSYNC_STORAGE_S3_ENDPOINT) must be an http:// or"
                        + " https:// URL, not '" + endpoint + "'");
            }
            require(bucket, "bucket", "BUCKET");
            require(region, "region", "REGION");
            require(accessKeyId, "access-key-id", "ACCESS_KEY_ID");
            require(secretAccessKey, "secret-access-key", "SECRET_ACCESS_KEY");
            if (isSet(prefix) && (prefix.startsWith("/") || prefix.contains("//"))) {
                throw new StartupRefusal("rostersync.storage.prefix (ROSTERSYNC_STORAGE_S3_PREFIX) must not start with / nor"
                        + " hold //, not '" + prefix + "'");
            }
        }
    }

    /** True when deliveries and archives live in object storage. */
    public boolean enabled() {
        return isSet(endpoint);
    }

    /** The prefix of every key: empty, or the setting ending with one slash. */
    public String keyPrefix() {
        if (!isSet(prefix)) {
            return "";
        }
        String p = prefix.strip();
        return p.endsWith("/") ? p : p + "/";
    }

    private static void require(String value, String property, String variable) {
        if (!isSet(value)) {
            throw new StartupRefusal("rostersync.storage." + property + " (ROSTERSYNC_STORAGE_S3_" + variable + ") must be set"
                    + " when ROSTERSYNC_STORAGE_S3_ENDPOINT is");
        }
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }

    @Override
    public String toString() {
        return "StorageConfig[endpoint=" + endpoint + ", bucket=" + bucket + ", region=" + region + ", prefix=" + prefix
                + ", pathStyle=" + pathStyle + "]";
    }
}
