import CCurl
import Foundation

/// What libcurl's body and header callbacks hand their bytes to, during one transfer.
protocol CurlReceiver: AnyObject {
    /// Takes a piece of the body; returns how much was taken (less stops the transfer).
    func receiveBody(_ bytes: UnsafeRawBufferPointer) -> Int
    /// Takes one header line, with its CR LF.
    func receiveHeader(_ line: UnsafeRawBufferPointer)
}

/// Settings every transfer shares, downloads and requests alike.
enum CurlHandle {
    /// The user agent, no signals (transfers run on many threads), the policy's connect timeout, and a
    /// transfer below 1 byte/s for the stall timeout counts as failed.
    static func setSharedOptions(_ handle: UnsafeMutableRawPointer, userAgent: String, policy: RetryPolicy) {
        CCurl_setopt_string(handle, CURLOPT_USERAGENT, userAgent)
        CCurl_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
        CCurl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT, policy.connectTimeout)
        CCurl_setopt_long(handle, CURLOPT_LOW_SPEED_LIMIT, 1)
        CCurl_setopt_long(handle, CURLOPT_LOW_SPEED_TIME, policy.stallTimeout)
    }

    /// Points the body and header callbacks at the receiver behind `userData` (an unmanaged
    /// reference the caller keeps alive until the transfer ends).
    static func setReceiver(_ handle: UnsafeMutableRawPointer, _ userData: UnsafeMutableRawPointer) {
        CCurl_setopt_pointer(handle, CURLOPT_WRITEDATA, userData)
        CCurl_setopt_write(handle, { ptr, size, count, userData in
            receiver(userData).receiveBody(UnsafeRawBufferPointer(start: ptr, count: size * count))
        })
        CCurl_setopt_pointer(handle, CURLOPT_HEADERDATA, userData)
        CCurl_setopt_header(handle, { ptr, size, count, userData in
            receiver(userData).receiveHeader(UnsafeRawBufferPointer(start: ptr, count: size * count))
            return size * count
        })
    }
}

/// A free function: a C callback cannot capture, not even the enclosing type.
private func receiver(_ userData: UnsafeMutableRawPointer?) -> any CurlReceiver {
    Unmanaged<AnyObject>.fromOpaque(userData!).takeUnretainedValue() as! any CurlReceiver
}
