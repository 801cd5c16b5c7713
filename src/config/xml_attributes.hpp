#pragma once
// The attributes of every element of a Polycom-style XML configuration, in order,
// each with its line. Polycom .cfg files keep every setting in attributes
// (<reg reg.1.server.1.address="pbx.test"/>), so no element text is needed.

#include "sipfo/handset/static_cache.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace sipfo::config {

// Throws util::InputError("FILE:LINE", ...) for an unterminated tag, comment or
// attribute value, or an attribute without a quoted value.
std::vector<handset::KeyValue> xml_attributes(std::string_view text, const std::string& file);

} // namespace sipfo::config
