package org.rostersync.config;

import io.micronaut.context.annotation.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Makes the data directory private at every start (700 for it and its folders, 600 for its files): the files of an
 * installation made before new files were created private, or copied in by an operator, stop being readable by other
 * local users. What is created afterwards is private from the start ({@link PrivateFiles}).
 */
@Context
public class PrivateDataDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(PrivateDataDirectory.class);

    PrivateDataDirectory(RostersyncConfig config) {
        try {
            PrivateFiles.folder(config.dataPath());
            // the SFTP host keys are judged, not mended: one that others could read stops startup (anyone may have
            // copied it, so the operator must decide whether to replace it)
            Path hostKeys = config.dataPath().resolve("sftp");
            int changed = PrivateFiles.tighten(config.dataPath(), file -> file.startsWith(hostKeys));
            if (changed > 0) {
                LOG.info("Made {} files and folders under {} readable by this service's user only", changed, config.dataPath());
            }
        } catch (IOException | UnsupportedOperationException e) {
            LOG.warn("The data directory {} could not be made private to this service's user: {}", config.dataPath(), e.toString());
        }
    }
}
