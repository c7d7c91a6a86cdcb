package org.rostersync.tenant;

/** Published once a change of an SFTP account is committed, so that the SFTP server can close sessions it no longer admits. */
public record SftpAccountChanged(SftpAccount account) {
}
