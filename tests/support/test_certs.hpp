#pragma once
// Certificates made at test time with OpenSSL: a private CA, server
// certificates signed by it (good, expired, for the wrong name) and one signed
// by a CA nobody trusts. Nothing is checked in; every run makes fresh keys.

#include <openssl/evp.h>
#include <openssl/x509.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace uvimap::test {

struct pkey_free {
    void operator()(EVP_PKEY* key) const noexcept { EVP_PKEY_free(key); }
};
struct x509_free {
    void operator()(X509* cert) const noexcept { X509_free(cert); }
};

struct credential {
    std::unique_ptr<EVP_PKEY, pkey_free> key;
    std::unique_ptr<X509, x509_free> cert;

    std::string cert_pem() const;
    std::string key_pem() const;
};

struct leaf_options {
    std::string common_name = "localhost";
    std::vector<std::string> dns_names = {"localhost"};
    std::vector<std::string> ip_addresses = {"127.0.0.1", "::1"};
    // Validity relative to now, in seconds.
    long not_before = -3600;
    long not_after = 30L * 24 * 3600;
};

credential make_ca(const std::string& common_name);
credential make_leaf(const credential& issuer, const leaf_options& options);

// Writes the standard set used by the fixtures into `dir`:
//   ca.pem ca.key            the test CA (trust this one)
//   server.pem server.key    localhost, 127.0.0.1, ::1
//   expired.pem expired.key  same names, expired yesterday
//   wrongname.pem .key       valid, but for wrong.example.net only
//   cn-only.pem .key         CN=localhost and no subjectAltName at all
//   untrusted-ca.pem         another CA, trusted by nobody
//   untrusted.pem .key       localhost names, signed by untrusted-ca
void write_test_certs(const std::filesystem::path& dir);

}  // namespace uvimap::test
