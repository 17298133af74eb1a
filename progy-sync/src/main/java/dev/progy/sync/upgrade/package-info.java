/**
 * Course upgrades that keep the student's code: {@link dev.progy.sync.upgrade.CourseUpgrade} merges each file of a
 * workspace three ways (the version the student started from, the student's file, the new version) with JGit's
 * merge algorithm, through a journal that lets an interrupted upgrade finish later.
 */
package dev.progy.sync.upgrade;
