// The Linux file calls (stat stamps, whole-file reads, directory listings, inotify) live in
// SitegenSystem; everything that imports SitegenSupport sees them too.
@_exported import SitegenSystem
