/** HTTP entry points: the operators' admin API ({@code admin}) and the OneRoster 1.1 REST API ({@code oneroster}). */
package org.rostersync.api;
