/**
 * How deliveries arrive: the hosted SFTP server ({@code sftp}), pulling from a remote SFTP server ({@code remote}), and the
 * inbox that keeps complete files ({@code inbox}).
 */
package org.rostersync.intake;
