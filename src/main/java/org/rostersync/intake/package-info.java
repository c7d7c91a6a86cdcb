/** How deliveries arrive: the hosted SFTP server ({@code sftp}) and the inbox that keeps complete files ({@code inbox}). */
package org.rostersync.intake;
