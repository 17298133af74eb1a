/**
 * Git backup of a student's work: {@link dev.progy.sync.backup.WorkspaceBackup} keeps a git repository of the
 * workspace's own files in {@code .progy/backup.git}, commits after passing runs and pushes them, one branch per
 * device, to a remote the student chose. JGit stays inside this package.
 */
package dev.progy.sync.backup;
