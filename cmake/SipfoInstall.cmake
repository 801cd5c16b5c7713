# Where `cmake --install` puts sipfo, as Debian lays a tool out (issue 14): the
# binary in bin/, man pages in share/man/man1, completions where bash-completion,
# zsh and fish look for vendor files. CPack's DEB generator packages the same
# tree; dpkg-shlibdeps fills Depends with the runtime libraries the binary links.
include(GNUInstallDirs)

install(TARGETS sipfo RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
file(GLOB sipfo_man_pages CONFIGURE_DEPENDS "${PROJECT_SOURCE_DIR}/man/*.1")
install(FILES ${sipfo_man_pages} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES "${PROJECT_SOURCE_DIR}/completions/sipfo.bash"
        DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/bash-completion/completions RENAME sipfo)
install(FILES "${PROJECT_SOURCE_DIR}/completions/_sipfo" DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/zsh/vendor-completions)
install(FILES "${PROJECT_SOURCE_DIR}/completions/sipfo.fish"
        DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/fish/vendor_completions.d)

set(CPACK_PACKAGE_NAME sipfo)
set(CPACK_PACKAGE_VENDOR "sipfo")
set(CPACK_PACKAGE_CONTACT "sipfo maintainers <sipfo@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "DNS and SIP failover diagnostics for SIP handsets")
set(CPACK_PACKAGE_DESCRIPTION
    "sipfo resolves a handset's server setting exactly as a Spectralink 84-Series, PIVOT or Yealink\n"
    "handset does, probes the candidate servers with SIP, replays failover timelines and explains\n"
    "84-Series app.log files.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT) # sipfo_0.1.0_amd64.deb
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "bash-completion")
set(CPACK_STRIP_FILES ON)
set(CPACK_GENERATOR DEB)
include(CPack)
