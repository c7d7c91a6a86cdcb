package org.rostersync.tenant;

import java.util.List;

/**
 * What an operator changes in an SFTP account; a null field keeps its value. {@code authorizedKeys} and
 * {@code allowedNetworks}, when given, replace the lists (a key already on the account keeps the time it was added).
 */
public record SftpAccountChange(String username, String password, boolean removePassword, Boolean enabled,
                                List<String> authorizedKeys, List<String> allowedNetworks) {
}
