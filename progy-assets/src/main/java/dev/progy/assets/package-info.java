/** progy-assets: filled by a later issue; see ../shared/DESIGN.md for what lives here. */
package dev.progy.assets;
