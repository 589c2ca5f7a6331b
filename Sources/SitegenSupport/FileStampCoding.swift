/// A file stamp in the build cache's binary format.
extension BinaryWriter {
    public mutating func write(_ stamp: FileStamp) {
        write(Int(stamp.size))
        write(stamp.inode)
        write(Int(stamp.seconds))
        write(Int(stamp.nanoseconds))
        write(Int(stamp.change))
    }
}

extension BinaryReader {
    public mutating func readStamp() throws(MalformedData) -> FileStamp {
        let size = try readInt()
        let inode = try readUInt64()
        let seconds = try readInt()
        let nanoseconds = try readInt()
        return FileStamp(size: Int64(size), inode: inode, seconds: Int64(seconds), nanoseconds: Int64(nanoseconds),
                         change: Int64(try readInt()))
    }
}
