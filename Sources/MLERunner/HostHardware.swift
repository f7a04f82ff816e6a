import Foundation

/// One GPU found on the host: its device node and what the driver says about it.
public struct GPUDevice: Sendable, Codable, Equatable {
    public var index: Int
    /// The host's node, e.g. `/dev/nvidia0`.
    public var node: String
    public var model: String?
    public var uuid: String?

    enum CodingKeys: String, CodingKey { case index, node, model, uuid }
}

/// The GPUs of a host and what passing them into a sandbox takes: the per-GPU nodes, the
/// driver's shared nodes (`nvidiactl`, `nvidia-uvm`, …) and its user-space libraries.
///
/// The folders are parameters so that tests can use fake nodes and a fake driver library.
public struct GPUInventory: Sendable {
    public var deviceDirectory: String
    public var libraryDirectories: [String]
    /// The driver's procfs folder (`/proc/driver/nvidia`): model, UUID and version.
    public var driverDirectory: String

    public static let standardLibraryDirectories = ["/usr/lib/x86_64-linux-gnu", "/usr/lib64", "/usr/lib/aarch64-linux-gnu",
                                                    "/usr/local/nvidia/lib64"]
    /// Library name prefixes of the NVIDIA user-space driver.
    static let libraryPrefixes = ["libcuda.", "libnvidia-", "libnvcuvid.", "libnvoptix."]

    public init(deviceDirectory: String = "/dev", libraryDirectories: [String] = GPUInventory.standardLibraryDirectories,
                driverDirectory: String = "/proc/driver/nvidia") {
        self.deviceDirectory = deviceDirectory
        self.libraryDirectories = libraryDirectories
        self.driverDirectory = driverDirectory
    }

    /// The GPUs, by index.
    public func devices() -> [GPUDevice] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: deviceDirectory)) ?? []
        let infos = driverInfos()
        return names.compactMap { name -> GPUDevice? in
            guard name.hasPrefix("nvidia"), let n = Int(name.dropFirst(6)) else { return nil }
            let info = n < infos.count ? infos[n] : [:]
            return GPUDevice(index: n, node: "\(deviceDirectory)/\(name)", model: info["model"], uuid: info["gpu uuid"])
        }.sorted { $0.index < $1.index }
    }

    /// Nodes every GPU process needs, whichever GPUs it has.
    public func sharedNodes() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: deviceDirectory)) ?? []
        var nodes = names.filter { $0.hasPrefix("nvidia") && Int($0.dropFirst(6)) == nil && $0 != "nvidia-caps" }
            .map { "\(deviceDirectory)/\($0)" }
        let caps = "\(deviceDirectory)/nvidia-caps"
        if let c = try? FileManager.default.contentsOfDirectory(atPath: caps) { nodes += c.map { "\(caps)/\($0)" } }
        return nodes.sorted()
    }

    /// The driver's user-space libraries (bound read-only at the same path).
    public func driverLibraries() -> [String] {
        var found: [String] = []
        for dir in libraryDirectories {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
            found += names.filter { n in Self.libraryPrefixes.contains { n.hasPrefix($0) } }.map { "\(dir)/\($0)" }
        }
        return found.sorted()
    }

    public var driverVersion: String? {
        guard let text = try? String(contentsOfFile: "\(driverDirectory)/version", encoding: .utf8) else { return nil }
        // "NVRM version: NVIDIA UNIX x86_64 Kernel Module  550.54.15  Tue Mar  5 …"
        let words = text.split(separator: "\n").first?.split(separator: " ") ?? []
        return words.first { $0.split(separator: ".").count >= 2 && $0.allSatisfy { $0.isNumber || $0 == "." } }.map(String.init)
    }

    /// `/proc/driver/nvidia/gpus/<bus>/information` files, in bus order (the driver's index order).
    private func driverInfos() -> [[String: String]] {
        let dir = "\(driverDirectory)/gpus"
        let buses = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).sorted()
        return buses.map { bus in
            var info: [String: String] = [:]
            let text = (try? String(contentsOfFile: "\(dir)/\(bus)/information", encoding: .utf8)) ?? ""
            for line in text.split(separator: "\n") {
                guard let colon = line.firstIndex(of: ":") else { continue }
                info[line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
            return info
        }
    }
}

/// What an attempt ran on, so results from different hardware are never mixed up unknowingly.
public struct HostHardware: Sendable, Codable, Equatable {
    public var cpuModel: String?
    public var cpuCount: Int
    public var memoryBytes: Int64
    public var gpus: [GPUDevice]
    public var gpuDriver: String?
    public var kernel: String
    public var hostname: String

    enum CodingKeys: String, CodingKey {
        case cpuModel = "cpu_model", cpuCount = "cpu_count", memoryBytes = "memory_bytes", gpus, gpuDriver = "gpu_driver", kernel, hostname
    }

    /// The host as an attempt with these GPUs, CPUs and memory sees it (limits narrow the host's).
    public static func describe(gpus: [GPUDevice], driver: String?, cpuLimit: Double?, memoryLimit: Int64?) -> HostHardware {
        let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let model = cpuinfo.split(separator: "\n").first { $0.hasPrefix("model name") }
            .flatMap { $0.split(separator: ":", maxSplits: 1).last?.trimmingCharacters(in: .whitespaces) }
        var u = utsname()
        uname(&u)
        let kernel = withUnsafeBytes(of: &u.release) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        let cpus = ProcessInfo.processInfo.activeProcessorCount
        let memory = Int64(ProcessInfo.processInfo.physicalMemory)
        return HostHardware(cpuModel: model, cpuCount: cpuLimit.map { min(cpus, Int($0.rounded(.up))) } ?? cpus,
                            memoryBytes: memoryLimit.map { min(memory, $0) } ?? memory, gpus: gpus, gpuDriver: driver,
                            kernel: kernel, hostname: ProcessInfo.processInfo.hostName)
    }
}
