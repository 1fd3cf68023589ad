#include "support/test_certs.hpp"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include <fstream>
#include <stdexcept>

namespace uvimap::test {

namespace {

void check(bool ok, const char* what) {
    if (!ok) {
        char reason[256];
        ERR_error_string_n(ERR_get_error(), reason, sizeof reason);
        throw std::runtime_error(std::string("test certificate: ") + what + ": " + reason);
    }
}

std::string bio_text(BIO* bio) {
    char* data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    std::string text(data, static_cast<std::size_t>(size));
    BIO_free(bio);
    return text;
}

std::unique_ptr<EVP_PKEY, pkey_free> make_key() {
    std::unique_ptr<EVP_PKEY, pkey_free> key(EVP_EC_gen("P-256"));
    check(key != nullptr, "EC key generation");
    return key;
}

void add_extension(X509* cert, X509* issuer, int nid, const std::string& value) {
    X509V3_CTX context;
    X509V3_set_ctx_nodb(&context);
    X509V3_set_ctx(&context, issuer, cert, nullptr, nullptr, 0);
    X509_EXTENSION* extension = X509V3_EXT_conf_nid(nullptr, &context, nid, value.c_str());
    check(extension != nullptr, "extension");
    X509_add_ext(cert, extension, -1);
    X509_EXTENSION_free(extension);
}

std::unique_ptr<X509, x509_free> new_cert(const std::string& common_name, long not_before,
                                          long not_after, EVP_PKEY* key) {
    static long serial = 1;
    std::unique_ptr<X509, x509_free> cert(X509_new());
    X509_set_version(cert.get(), 2);
    ASN1_INTEGER_set(X509_get_serialNumber(cert.get()),
                     serial++ + static_cast<long>(time(nullptr)));
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), not_before);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), not_after);
    X509_set_pubkey(cert.get(), key);
    X509_NAME* name = X509_get_subject_name(cert.get());
    X509_NAME_add_entry_by_txt(name, "O", MBSTRING_UTF8,
                               reinterpret_cast<const unsigned char*>("uvimap tests"), -1, -1, 0);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                               reinterpret_cast<const unsigned char*>(common_name.c_str()), -1, -1,
                               0);
    return cert;
}

void write_file(const std::filesystem::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out) {
        throw std::runtime_error("cannot write " + path.string());
    }
}

void write_pair(const std::filesystem::path& dir, const std::string& stem,
                const credential& credential) {
    write_file(dir / (stem + ".pem"), credential.cert_pem());
    write_file(dir / (stem + ".key"), credential.key_pem());
    std::filesystem::permissions(dir / (stem + ".key"), std::filesystem::perms::owner_read |
                                                            std::filesystem::perms::owner_write);
}

}  // namespace

std::string credential::cert_pem() const {
    BIO* bio = BIO_new(BIO_s_mem());
    check(PEM_write_bio_X509(bio, cert.get()) == 1, "PEM certificate");
    return bio_text(bio);
}

std::string credential::key_pem() const {
    BIO* bio = BIO_new(BIO_s_mem());
    check(PEM_write_bio_PrivateKey(bio, key.get(), nullptr, nullptr, 0, nullptr, nullptr) == 1,
          "PEM key");
    return bio_text(bio);
}

credential make_ca(const std::string& common_name) {
    credential ca;
    ca.key = make_key();
    ca.cert = new_cert(common_name, -3600, 365L * 24 * 3600, ca.key.get());
    X509_set_issuer_name(ca.cert.get(), X509_get_subject_name(ca.cert.get()));
    add_extension(ca.cert.get(), ca.cert.get(), NID_basic_constraints, "critical,CA:TRUE");
    add_extension(ca.cert.get(), ca.cert.get(), NID_key_usage, "critical,keyCertSign,cRLSign");
    add_extension(ca.cert.get(), ca.cert.get(), NID_subject_key_identifier, "hash");
    check(X509_sign(ca.cert.get(), ca.key.get(), EVP_sha256()) > 0, "sign CA");
    return ca;
}

credential make_leaf(const credential& issuer, const leaf_options& options) {
    credential leaf;
    leaf.key = make_key();
    leaf.cert =
        new_cert(options.common_name, options.not_before, options.not_after, leaf.key.get());
    X509_set_issuer_name(leaf.cert.get(), X509_get_subject_name(issuer.cert.get()));
    std::string names;
    for (const std::string& dns : options.dns_names) {
        names += (names.empty() ? "DNS:" : ",DNS:") + dns;
    }
    for (const std::string& ip : options.ip_addresses) {
        names += (names.empty() ? "IP:" : ",IP:") + ip;
    }
    add_extension(leaf.cert.get(), issuer.cert.get(), NID_basic_constraints, "critical,CA:FALSE");
    add_extension(leaf.cert.get(), issuer.cert.get(), NID_ext_key_usage, "serverAuth");
    add_extension(leaf.cert.get(), issuer.cert.get(), NID_authority_key_identifier, "keyid");
    if (!names.empty()) {
        add_extension(leaf.cert.get(), issuer.cert.get(), NID_subject_alt_name, names);
    }
    check(X509_sign(leaf.cert.get(), issuer.key.get(), EVP_sha256()) > 0, "sign leaf");
    return leaf;
}

void write_test_certs(const std::filesystem::path& dir) {
    std::filesystem::create_directories(dir);
    const credential ca = make_ca("uvimap test CA");
    write_pair(dir, "ca", ca);
    write_pair(dir, "server", make_leaf(ca, leaf_options{}));

    leaf_options expired;
    expired.not_before = -10L * 24 * 3600;
    expired.not_after = -24L * 3600;
    write_pair(dir, "expired", make_leaf(ca, expired));

    leaf_options wrong_name;
    wrong_name.common_name = "wrong.example.net";
    wrong_name.dns_names = {"wrong.example.net"};
    wrong_name.ip_addresses = {};
    write_pair(dir, "wrongname", make_leaf(ca, wrong_name));

    // The host name only in the subject's common name, with no
    // subjectAltName: browsers and uvimap refuse it (RFC 6125 §6.4.4).
    leaf_options common_name_only;
    common_name_only.dns_names = {};
    common_name_only.ip_addresses = {};
    write_pair(dir, "cn-only", make_leaf(ca, common_name_only));

    const credential stranger = make_ca("uvimap untrusted CA");
    write_pair(dir, "untrusted-ca", stranger);
    write_pair(dir, "untrusted", make_leaf(stranger, leaf_options{}));
}

}  // namespace uvimap::test
