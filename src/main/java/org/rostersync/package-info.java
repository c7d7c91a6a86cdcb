/** The main class and the command line: wiring only. May use every package. */
package org.rostersync;
