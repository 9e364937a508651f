/** Plain-text output shared by the daemon's admin pages and the command line: column tables. */
package io.cuttle.common.text;
